package reminder

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/idna"

	"strategytracker/model"
)

func message(lang model.Lang) *Message {
	return &Message{
		Unit: &model.Unit{Code: "ИС", Name: model.T("Дирекция „Информационни системи“", "Information Systems Directorate")},
		To: []*model.Person{{ID: 2, Name: model.T("Мария Петрова", "Maria Petrova"), Email: "m.petrova@sofia.bg"},
			{ID: 3, Name: model.T("Иван Иванов", "Ivan Ivanov"), Email: "i.ivanov@sofia.bg"}},
		From: &model.Person{ID: 1, Name: model.T("Елена Георгиева", "Elena Georgieva"), Email: "office@sofia.bg", Position: model.T("Експерт", "Expert")},
		Period: &model.Period{ID: 4, Name: model.T("IV тримесечие 2026", "Q4 2026"), Start: model.MustDate("2026-10-01"),
			End: model.MustDate("2026-12-31"), Due: model.MustDate("2027-01-15")},
		Strategy: model.T("Стратегия за дигитална трансформация", "Digital Transformation Strategy"),
		Lang:     lang, Template: bytes.Repeat([]byte("PK\x03\x04 workbook bytes "), 40), FileName: "шаблон-IV-тримесечие-2026-ИС.xlsx",
		Date: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), Missing: []string{"1.2", "1.10"},
	}
}

// TestReminderIsAnRFC5322MessageWithTheTemplate parses what Write makes
// with net/mail and mime/multipart, as a mail client would.
func TestReminderIsAnRFC5322MessageWithTheTemplate(t *testing.T) {
	// Dates as the product writes them (model.Date.DisplayText), never ISO.
	wantSubject := map[model.Lang]string{
		model.BG: "Напомняне: отчет за IV тримесечие 2026 със срок 15.01.2027 г.",
		model.EN: "Reminder: progress update for Q4 2026 due on 15 Jan 2027",
	}
	wantDates := map[model.Lang][]string{
		model.BG: {"(01.10.2026 г. – 31.12.2026 г.)", "обратно до 15.01.2027 г."},
		model.EN: {"(1 Oct 2026 – 31 Dec 2026)", "send it back by 15 Jan 2027."},
	}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		m := message(lang)
		var buf bytes.Buffer
		if err := m.Write(&buf); err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%s: not an RFC 5322 message: %v", lang, err)
		}
		to, err := msg.Header.AddressList("To")
		if err != nil || len(to) != 2 || to[0].Address != "m.petrova@sofia.bg" || to[1].Name != m.To[1].Name.In(lang) {
			t.Errorf("%s: To = %v, %v", lang, to, err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || subject != wantSubject[lang] {
			t.Errorf("%s: subject %q (%v), want %q", lang, subject, err, wantSubject[lang])
		}
		if _, err := msg.Header.Date(); err != nil {
			t.Errorf("%s: date: %v", lang, err)
		}
		mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
		if err != nil || mediaType != "multipart/mixed" {
			t.Fatalf("%s: content type %q: %v", lang, mediaType, err)
		}
		mr := multipart.NewReader(msg.Body, params["boundary"])
		text, err := mr.NextPart() // quoted-printable is decoded by the reader
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(text)
		for _, want := range append([]string{m.Unit.Name.In(lang), "1.2, 1.10", m.FileName}, wantDates[lang]...) {
			if !strings.Contains(string(body), want) {
				t.Errorf("%s: the text lacks %q:\n%s", lang, want, body)
			}
		}
		if strings.Contains(string(body), "2027-01-15") || strings.Contains(string(body), "г. г.") {
			t.Errorf("%s: an ISO date or a doubled \"г.\" in the text:\n%s", lang, body)
		}
		att, err := mr.NextPart()
		if err != nil {
			t.Fatal(err)
		}
		if got := att.FileName(); got != m.FileName {
			t.Errorf("%s: attachment name %q, want %q", lang, got, m.FileName)
		}
		raw, _ := io.ReadAll(att)
		data, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(raw), "\r\n", ""))
		if err != nil || !bytes.Equal(data, m.Template) {
			t.Errorf("%s: the attachment is not the template (%v)", lang, err)
		}
		if _, err := mr.NextPart(); err != io.EOF {
			t.Errorf("%s: more than two parts: %v", lang, err)
		}
		// Every line within RFC 5322's limit of 998 characters.
		for i, line := range strings.Split(buf.String(), "\r\n") {
			if len(line) > 998 {
				t.Errorf("%s: line %d is %d characters long", lang, i+1, len(line))
			}
		}
	}
}

func TestReminderNeedsARecipient(t *testing.T) {
	m := message(model.BG)
	m.To = nil
	if err := m.Write(io.Discard); err == nil || !strings.Contains(model.ErrorMessage(err), "no coordinator") {
		t.Fatalf("got %v", err)
	}
}

func TestRecipientsAreTheUnitsCoordinatorsWithAnAddress(t *testing.T) {
	d := &model.Doc{People: []model.Person{
		{ID: 1, Unit: "ИС", Role: model.RoleOffice, Email: "o@x.bg"},
		{ID: 2, Unit: "ИС", Role: model.RoleCoordinator, Email: "c@x.bg"},
		{ID: 3, Unit: "ИС", Role: model.RoleCoordinator},
		{ID: 4, Unit: "ФИН", Role: model.RoleCoordinator, Email: "f@x.bg"},
	}}
	got := Recipients(d, "ИС")
	if len(got) != 1 || got[0].ID != 2 {
		t.Fatalf("got %v, want person 2 only", got)
	}
}

// TestHostileTextAddsNoHeaderNorPart writes drafts whose every text holds
// line breaks, header lines and would-be boundaries, parses each with
// net/mail and mime/multipart, and finds exactly the intended headers and
// two parts (issue 21.2).
func TestHostileTextAddsNoHeaderNorPart(t *testing.T) {
	inject := "\r\nBcc: spy@evil.example\r\n\r\n--x\r\n"
	hostile := []struct {
		name string
		edit func(m *Message)
	}{
		{"plain", func(m *Message) {}},
		{"recipient's name", func(m *Message) { m.To[0].Name = model.T("Мария"+inject, "Maria"+inject) }},
		{"sender's name and position", func(m *Message) {
			m.From.Name = model.T("Елена"+inject, "Elena"+inject)
			m.From.Position = model.T("--=_st_"+inject, "--=_st_"+inject)
		}},
		{"period name", func(m *Message) { m.Period.Name = model.T("IV"+inject, "Q4"+inject) }},
		{"unit name and code", func(m *Message) {
			m.Unit.Name = model.T("ИС"+inject, "IS"+inject)
			m.Unit.Code = "И\r\nС"
		}},
		{"strategy and file name", func(m *Message) {
			m.Strategy = model.T(inject, inject)
			m.FileName = "шаблон\r\nBcc: x@y.bg.xlsx"
		}},
		{"Cyrillic and IDN addresses", func(m *Message) {
			m.To[0].Email = "мария@община.бг"
			m.From.Email = "офис@софия.бг"
		}},
	}
	wantHeaders := []string{"Content-Type", "Date", "From", "Message-Id", "Mime-Version", "Subject", "To", "X-Unsent"}
	for _, lang := range []model.Lang{model.BG, model.EN} {
		for _, h := range hostile {
			t.Run(string(lang)+" "+h.name, func(t *testing.T) {
				m := message(lang)
				h.edit(m)
				var buf bytes.Buffer
				if err := m.Write(&buf); err != nil {
					t.Fatal(err)
				}
				msg, err := mail.ReadMessage(bytes.NewReader(buf.Bytes()))
				if err != nil {
					t.Fatalf("not an RFC 5322 message: %v", err)
				}
				var got []string
				for k := range msg.Header {
					got = append(got, k)
				}
				slices.Sort(got)
				if !slices.Equal(got, wantHeaders) {
					t.Errorf("headers %v, want %v", got, wantHeaders)
				}
				to, err := msg.Header.AddressList("To")
				if err != nil || len(to) != 2 {
					t.Fatalf("To = %v, %v", to, err)
				}
				if got, want := to[0].Name, m.To[0].Name.In(lang); got != want {
					t.Errorf("To name %q, want %q", got, want)
				}
				if ascii, _ := idna.Lookup.ToASCII(strings.SplitN(m.To[0].Email, "@", 2)[1]); !strings.HasSuffix(to[0].Address, "@"+ascii) {
					t.Errorf("To address %q, want the domain %q", to[0].Address, ascii)
				}
				subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
				if err != nil || subject != m.Subject() {
					t.Errorf("subject %q (%v), want %q", subject, err, m.Subject())
				}
				_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
				if err != nil {
					t.Fatal(err)
				}
				mr := multipart.NewReader(msg.Body, params["boundary"])
				var parts []string
				for {
					p, err := mr.NextPart()
					if err == io.EOF {
						break
					} else if err != nil {
						t.Fatal(err)
					}
					b, _ := io.ReadAll(p)
					if len(parts) == 0 && string(b) != crlf(m.Body()) {
						t.Errorf("the text part is not the body:\n%s", b)
					}
					parts = append(parts, p.Header.Get("Content-Type"))
					if len(parts) == 2 && p.FileName() != m.FileName {
						t.Errorf("attachment name %q, want %q", p.FileName(), m.FileName)
					}
				}
				if len(parts) != 2 {
					t.Errorf("%d parts (%v), want the text and the template", len(parts), parts)
				}
			})
		}
	}
}

func TestBoundaryIsRandomAndNotInTheParts(t *testing.T) {
	m := message(model.BG)
	taken := "st_taken" // without "=", which quoted-printable would encode
	m.Strategy = model.T("--"+taken, "")
	draws := []string{taken, taken, "st_free"}
	defer func(f func() string) { newBoundary = f }(newBoundary)
	newBoundary = func() string { b := draws[0]; draws = draws[1:]; return b }
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	msg, _ := mail.ReadMessage(&buf)
	if _, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type")); params["boundary"] != "st_free" {
		t.Errorf("boundary %q, want the first one the parts do not hold", params["boundary"])
	}
}

func TestAddressesTheRuleRefusesAreNotWritten(t *testing.T) {
	for _, email := range []string{"ivan@sofia.bg\r\nBcc: spy@evil.example", "ivan@", "a b@sofia.bg"} {
		m := message(model.BG)
		m.To[1].Email = email
		if err := m.Write(io.Discard); model.ErrorCode(err) != model.EINVALID {
			t.Errorf("Write with To %q = %v, want refused", email, err)
		}
	}
	m := message(model.BG)
	m.MessageID = "x@y\r\nBcc: spy@evil.example"
	if err := m.Write(io.Discard); err == nil {
		t.Error("Write with a line break in the Message-ID: no error")
	}
}

// The Bulgarian reminder calls the office as the app does, "стратегически
// офис", not also "офисът на стратегията" (issue 22: one term everywhere).
func TestReminderNamesTheOfficeAsTheApp(t *testing.T) {
	body := message(model.BG).Body()
	if !strings.Contains(body, "Стратегическият офис") || strings.Contains(body, "на стратегията") {
		t.Errorf("the body calls the office otherwise than the app:\n%s", body)
	}
}
