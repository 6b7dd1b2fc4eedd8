// Package reminder writes reminder e-mails for the units that have not
// returned their update template: RFC 5322 messages (.eml) with the
// unit's template attached, for the office to open and send from its own
// mail client. It opens no connection and keeps no password.
package reminder

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"golang.org/x/net/idna"

	"strategytracker/model"
)

// Message is one reminder: to the coordinators of one unit.
type Message struct {
	Unit       *model.Unit
	To         []*model.Person // coordinators with an e-mail address
	From       *model.Person   // the office user who writes it (may be nil)
	Period     *model.Period
	Strategy   model.Text
	Lang       model.Lang
	Template   []byte // the unit's template workbook
	FileName   string // the attachment's name
	Date       time.Time
	MessageID  string // without angle brackets; made from unit and period when empty
	Missing    []string
	DemoMarker bool
}

// Recipients are the coordinators of unit with an e-mail address, in id order.
func Recipients(d *model.Doc, unit string) []*model.Person {
	var out []*model.Person
	for i := range d.People {
		p := &d.People[i]
		if p.Unit == unit && p.Role == model.RoleCoordinator && strings.TrimSpace(p.Email) != "" {
			out = append(out, p)
		}
	}
	return out
}

// Subject is the message's subject line.
func (m *Message) Subject() string {
	if m.Lang == model.EN {
		return fmt.Sprintf("Reminder: progress update for %s due on %s", m.Period.Name.In(model.EN), m.Period.Due.DisplayText(model.EN))
	}
	return fmt.Sprintf("Напомняне: отчет за %s със срок %s", m.Period.Name.In(model.BG), m.Period.Due.DisplayText(model.BG))
}

// Body is the plain text of the message.
func (m *Message) Body() string {
	var b strings.Builder
	lang := m.Lang
	names := make([]string, len(m.To))
	for i, p := range m.To {
		names[i] = p.Name.In(lang)
	}
	if lang == model.EN {
		fmt.Fprintf(&b, "Dear %s,\n\n", strings.Join(names, ", "))
		fmt.Fprintf(&b, "The strategy office has not yet received the progress update of %s for %s (%s – %s) of the %s.\n\n",
			m.Unit.Name.In(lang), m.Period.Name.In(lang), m.Period.Start.DisplayText(lang), m.Period.End.DisplayText(lang), m.Strategy.In(lang))
		fmt.Fprintf(&b, "Please fill in the attached workbook (%s) and send it back by %s.\n", m.FileName, m.Period.Due.DisplayText(lang))
		if len(m.Missing) > 0 {
			fmt.Fprintf(&b, "\nMeasures of your unit without an update in this period: %s.\n", strings.Join(m.Missing, ", "))
		}
		b.WriteString("\nThe workbook lists your unit's milestones, indicators and measures; enter completions, measured values and a short update, and your name and the date on the Instructions sheet.\n\nThank you,\n")
	} else {
		fmt.Fprintf(&b, "Уважаеми колеги (%s),\n\n", strings.Join(names, ", "))
		fmt.Fprintf(&b, "Стратегическият офис все още не е получил отчета на %s за %s (%s – %s) по %s.\n\n",
			m.Unit.Name.In(lang), m.Period.Name.In(lang), m.Period.Start.DisplayText(lang), m.Period.End.DisplayText(lang), m.Strategy.In(lang))
		fmt.Fprintf(&b, "Моля, попълнете приложената работна книга (%s) и я изпратете обратно до %s\n", m.FileName, m.Period.Due.DisplayText(lang))
		if len(m.Missing) > 0 {
			fmt.Fprintf(&b, "\nМерки на звеното без актуализация в този период: %s.\n", strings.Join(m.Missing, ", "))
		}
		b.WriteString("\nВ книгата са етапите, показателите и мерките на звеното: впишете изпълнените етапи, измерените стойности и кратка актуализация, а на листа с указанията — името си и датата.\n\nБлагодарим!\n")
	}
	if m.From != nil {
		b.WriteString(m.From.Name.In(lang))
		if pos := m.From.Position.In(lang); pos != "" {
			b.WriteString("\n" + pos)
		}
		b.WriteString("\n")
	}
	if m.DemoMarker {
		b.WriteString("\n" + model.DemoMark(lang) + "\n")
	}
	return b.String()
}

// address is p as a header's address: the display name RFC 2047-encoded
// when it is not plain ASCII, the domain in its IDNA (punycode) form, the
// local part as RFC 6532 allows. An address that model.CheckEmail refuses
// (a file written before the rule) is refused here too: a line break in it
// would add a header.
func address(p *model.Person, lang model.Lang) (string, error) {
	if err := model.CheckEmail("person "+p.Name.In(lang), "email", p.Email); err != nil {
		return "", err
	}
	at := strings.LastIndexByte(p.Email, '@')
	domain, err := idna.Lookup.ToASCII(p.Email[at+1:])
	if err != nil {
		return "", model.Errorf(model.EINVALID, "person %s: the domain of %q is not a valid domain name: %v", p.Name.In(lang), p.Email, err)
	}
	return (&mail.Address{Name: p.Name.In(lang), Address: p.Email[:at+1] + domain}).String(), nil
}

// Write encodes m as an RFC 5322 message with a MIME multipart body: the
// text (UTF-8, quoted-printable) and the template (base64). Every header
// value is encoded (RFC 2047 words, RFC 2231 parameters), so no text of the
// file can add a header; the boundary is random and checked against the
// parts, so no text can add a part.
func (m *Message) Write(w io.Writer) error {
	if len(m.To) == 0 {
		return model.Errorf(model.EINVALID, "unit %s has no coordinator with an e-mail address", m.Unit.Code)
	}
	h := header{}
	if m.From != nil && m.From.Email != "" {
		from, err := address(m.From, m.Lang)
		if err != nil {
			return err
		}
		h.add("From", from)
	}
	to := make([]string, len(m.To))
	for i, p := range m.To {
		a, err := address(p, m.Lang)
		if err != nil {
			return err
		}
		to[i] = a
	}
	h.add("To", strings.Join(to, ", "))
	h.add("Subject", mime.QEncoding.Encode("utf-8", m.Subject()))
	h.add("Date", m.Date.Format(time.RFC1123Z))
	id := m.MessageID
	if id == "" {
		id = fmt.Sprintf("reminder-%d-%s@strategytracker.invalid", m.Period.ID, safeID(m.Unit.Code))
	}
	h.add("Message-ID", "<"+id+">")
	// X-Unsent makes Outlook open the file as a draft to send.
	h.add("X-Unsent", "1")
	h.add("MIME-Version", "1.0")
	body, boundary, err := m.body()
	if err != nil {
		return err
	}
	h.add("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": boundary}))
	if h.bad != "" {
		return model.Errorf(model.EINVALID, "the reminder to unit %s: the header %s would hold a line break or a control character", m.Unit.Code, h.bad)
	}
	if _, err := w.Write(append(h.buf.Bytes(), "\r\n"...)); err != nil {
		return err
	}
	_, err = w.Write(body)
	return err
}

// header collects header lines, remembering the first whose value holds
// a control character (it would end the line and start another).
type header struct {
	buf bytes.Buffer
	bad string
}

func (h *header) add(key, value string) {
	if h.bad == "" && strings.ContainsFunc(value, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		h.bad = key
	}
	fmt.Fprintf(&h.buf, "%s: %s\r\n", key, value)
}

// body is the multipart body of m and its boundary: a random one that
// occurs in the body only where it delimits a part (drawn again, rarely,
// when a part happens to hold it).
func (m *Message) body() ([]byte, string, error) {
	var text bytes.Buffer
	qp := quotedprintable.NewWriter(&text)
	if _, err := io.WriteString(qp, crlf(m.Body())); err != nil {
		return nil, "", err
	}
	if err := qp.Close(); err != nil {
		return nil, "", err
	}
	var att bytes.Buffer
	enc := base64.StdEncoding.EncodeToString(m.Template)
	for len(enc) > 76 {
		att.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	att.WriteString(enc + "\r\n")
	th := textproto.MIMEHeader{}
	th.Set("Content-Type", "text/plain; charset=utf-8")
	th.Set("Content-Transfer-Encoding", "quoted-printable")
	ah := textproto.MIMEHeader{}
	ah.Set("Content-Type", mime.FormatMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", map[string]string{"name": m.FileName}))
	ah.Set("Content-Transfer-Encoding", "base64")
	ah.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": m.FileName}))
	parts := []struct {
		h    textproto.MIMEHeader
		data []byte
	}{{th, text.Bytes()}, {ah, att.Bytes()}}
	for range 16 {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		if err := mw.SetBoundary(newBoundary()); err != nil {
			return nil, "", err
		}
		for _, p := range parts {
			pw, err := mw.CreatePart(p.h)
			if err != nil {
				return nil, "", err
			}
			if _, err := pw.Write(p.data); err != nil {
				return nil, "", err
			}
		}
		if err := mw.Close(); err != nil {
			return nil, "", err
		}
		// One delimiter before each part and the closing one.
		if bytes.Count(body.Bytes(), []byte(mw.Boundary())) == len(parts)+1 {
			return body.Bytes(), mw.Boundary(), nil
		}
	}
	return nil, "", model.Errorf(model.EINTERNAL, "the reminder to unit %s: no boundary found that its parts do not hold", m.Unit.Code)
}

// crlf ends every line of s with CR LF, whatever ended it.
func crlf(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// newBoundary draws a MIME boundary: 24 random bytes in hex, after "=_",
// which quoted-printable text and base64 never hold.
var newBoundary = func() string {
	b := make([]byte, 24)
	rand.Read(b)
	return "=_st_" + hex.EncodeToString(b)
}

// safeID keeps letters and digits of a code (Latin or not) for a Message-ID.
func safeID(code string) string {
	var b strings.Builder
	for _, r := range code {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "u%x", r)
		}
	}
	return b.String()
}
