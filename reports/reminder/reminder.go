// Package reminder writes reminder e-mails for the units that have not
// returned their update template: RFC 5322 messages (.eml) with the
// unit's template attached, for the office to open and send from its own
// mail client. It opens no connection and keeps no password.
package reminder

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

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
		return fmt.Sprintf("Reminder: progress update for %s due on %s", m.Period.Name.In(model.EN), m.Period.Due.Format(model.EN))
	}
	return fmt.Sprintf("Напомняне: отчет за %s със срок %s г.", m.Period.Name.In(model.BG), m.Period.Due.Format(model.BG))
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
			m.Unit.Name.In(lang), m.Period.Name.In(lang), m.Period.Start.Format(lang), m.Period.End.Format(lang), m.Strategy.In(lang))
		fmt.Fprintf(&b, "Please fill in the attached workbook (%s) and send it back by %s.\n", m.FileName, m.Period.Due.Format(lang))
		if len(m.Missing) > 0 {
			fmt.Fprintf(&b, "\nMeasures of your unit without an update in this period: %s.\n", strings.Join(m.Missing, ", "))
		}
		b.WriteString("\nThe workbook lists your unit's milestones, indicators and measures; enter completions, measured values and a short update, and your name and the date on the Instructions sheet.\n\nThank you,\n")
	} else {
		fmt.Fprintf(&b, "Уважаеми колеги (%s),\n\n", strings.Join(names, ", "))
		fmt.Fprintf(&b, "Офисът на стратегията все още не е получил отчета на %s за %s (%s г. – %s г.) по %s.\n\n",
			m.Unit.Name.In(lang), m.Period.Name.In(lang), m.Period.Start.Format(lang), m.Period.End.Format(lang), m.Strategy.In(lang))
		fmt.Fprintf(&b, "Моля, попълнете приложената работна книга (%s) и я изпратете обратно до %s г.\n", m.FileName, m.Period.Due.Format(lang))
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

func address(p *model.Person, lang model.Lang) string {
	return (&mail.Address{Name: p.Name.In(lang), Address: p.Email}).String()
}

// Write encodes m as an RFC 5322 message with a MIME multipart body: the
// text (UTF-8, quoted-printable) and the template (base64). The output
// depends only on m: the boundary is derived from the content.
func (m *Message) Write(w io.Writer) error {
	if len(m.To) == 0 {
		return model.Errorf(model.EINVALID, "unit %s has no coordinator with an e-mail address", m.Unit.Code)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if err := mw.SetBoundary(boundary(m)); err != nil {
		return err
	}
	th := textproto.MIMEHeader{}
	th.Set("Content-Type", "text/plain; charset=utf-8")
	th.Set("Content-Transfer-Encoding", "quoted-printable")
	pw, err := mw.CreatePart(th)
	if err != nil {
		return err
	}
	qp := quotedprintable.NewWriter(pw)
	if _, err := io.WriteString(qp, strings.ReplaceAll(m.Body(), "\n", "\r\n")); err != nil {
		return err
	}
	if err := qp.Close(); err != nil {
		return err
	}
	ah := textproto.MIMEHeader{}
	ah.Set("Content-Type", mime.FormatMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", map[string]string{"name": m.FileName}))
	ah.Set("Content-Transfer-Encoding", "base64")
	ah.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": m.FileName}))
	aw, err := mw.CreatePart(ah)
	if err != nil {
		return err
	}
	enc := base64.StdEncoding.EncodeToString(m.Template)
	for len(enc) > 76 {
		fmt.Fprintf(aw, "%s\r\n", enc[:76])
		enc = enc[76:]
	}
	fmt.Fprintf(aw, "%s\r\n", enc)
	if err := mw.Close(); err != nil {
		return err
	}

	var h bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&h, "%s: %s\r\n", k, v) }
	to := make([]string, len(m.To))
	for i, p := range m.To {
		to[i] = address(p, m.Lang)
	}
	if m.From != nil && m.From.Email != "" {
		header("From", address(m.From, m.Lang))
	}
	header("To", strings.Join(to, ", "))
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject()))
	header("Date", m.Date.Format(time.RFC1123Z))
	id := m.MessageID
	if id == "" {
		id = fmt.Sprintf("reminder-%d-%s@strategytracker.invalid", m.Period.ID, safeID(m.Unit.Code))
	}
	header("Message-ID", "<"+id+">")
	// X-Unsent makes Outlook open the file as a draft to send.
	header("X-Unsent", "1")
	header("MIME-Version", "1.0")
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	h.WriteString("\r\n")
	if _, err := w.Write(h.Bytes()); err != nil {
		return err
	}
	_, err = w.Write(body.Bytes())
	return err
}

func boundary(m *Message) string {
	return fmt.Sprintf("strategytracker-%d-%x", m.Period.ID, len(m.Template)^len(m.Unit.Code)<<20)
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
