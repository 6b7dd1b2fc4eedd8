// The reporting cycle's files through the screens: the units' templates,
// the reminders, a returned template imported.

package app

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

func TestWriteTemplatesAndReminders(t *testing.T) {
	doc := periodDoc()
	doc.Periods[0].Returns = doc.Periods[0].Returns[:1] // IT: no template yet
	doc.People[2].Email = "georgi@sofia.example"        // IT's coordinator
	h := newHarness(t, doc, pOffice)
	s := h.periodScreen()
	if got := s.unitRows["IT"].state.Text; got != "няма шаблон" {
		t.Errorf("IT = %q", got)
	}
	dir := filepath.Join(t.TempDir(), "шаблони")
	s.writeTemplates(dir)
	h.u.settle()
	if res := latest[*filesResult](h); res.err != nil {
		t.Fatalf("templates: %+v", res)
	}
	files, err := h.u.doc.CycleFiles(h.u.doc.OpenPeriod(), []string{"INNO", "IT"}, model.BG)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := f.Template
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	p := h.storedPeriods()[0]
	for _, r := range p.Returns {
		if r.WrittenAt == "" {
			t.Errorf("unit %s: template not recorded as written", r.Unit)
		}
	}
	if got := h.u.period.unitRows["IT"].state.Text; !strings.HasPrefix(got, "чакаме отговор") {
		t.Errorf("IT after writing = %q", got)
	}

	// Reminders: only IT has not returned.
	out := filepath.Join(t.TempDir(), "mail")
	h.u.period.writeReminders(out)
	h.u.settle()
	res := latest[*filesResult](h)
	if res == nil || res.err != nil {
		t.Fatalf("reminders: %+v", res)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	cf := files[1]
	if want := []string{cf.Reminder, cf.Template}; !slices.Equal(names, want) || !strings.HasPrefix(cf.Reminder, "напомняне-IV-тримесечие-2026-IT-") {
		t.Fatalf("files = %v, want %v", names, want)
	}
	// Again into the same folder: the template is written over, and the
	// result says so (issue 22: reminders silently rewrote templates).
	h.u.period.writeReminders(out)
	h.u.settle()
	if again := latest[*filesResult](h); again == nil || again.rewrote != 1 {
		t.Errorf("the reminders again: %+v, want one template said to be written over", again)
	}
	f, _ := os.Open(filepath.Join(out, names[0]))
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatalf("the reminder is not an RFC 5322 message: %v", err)
	}
	if to := msg.Header.Get("To"); !strings.Contains(to, "georgi@sofia.example") {
		t.Errorf("To = %q", to)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q: %v", mt, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	found := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if part.FileName() == cf.Template {
			found = true
		}
	}
	if !found {
		t.Error("the reminder has no template attached")
	}
}

// A unit whose coordinators have no e-mail address gets no reminder, and
// the office is told so.
func TestRemindersSayWhichUnitsHaveNoAddress(t *testing.T) {
	h := newHarness(t, periodDoc(), pOffice) // IT's coordinator has no e-mail address
	s := h.periodScreen()
	out := filepath.Join(t.TempDir(), "mail")
	s.writeReminders(out)
	h.u.settle()
	res := latest[*filesResult](h)
	if res == nil || res.err != nil || len(res.paths) != 0 || !slices.Equal(res.skipped, []string{"IT"}) {
		t.Fatalf("reminders: %+v", res)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
	if got, want := h.topDialogText(), trf("period.files.noemail", "IT · Информационни технологии"); !strings.Contains(got, want) {
		t.Errorf("dialog = %q, want it to say %q", got, want)
	}
}

// The whole cycle in the app: the office writes the units' templates; IT's
// coordinator fills theirs outside the app and imports it; the status
// list and the card show IT returned; once the period is closed, a
// template of it is refused and nothing is written.
func TestCycleTemplateImportedRecordsTheReturn(t *testing.T) {
	doc := periodDoc()
	doc.Periods[0].Returns = doc.Periods[0].Returns[:1] // IT: no template yet
	h := newHarness(t, doc, pOffice)
	s := h.periodScreen()
	dir := t.TempDir()
	s.writeTemplates(dir)
	h.u.settle()
	if res := latest[*filesResult](h); res.err != nil || len(res.paths) != 2 {
		t.Fatalf("templates: %+v", res)
	}

	// IT's coordinator fills the template: a note on milestone 31. (The
	// file is written from the document as they changed it, with the
	// stored versions, as templateWith does.)
	stored, _ := h.store.Doc(context.Background())
	filled := cloneDoc(stored)
	ms, _ := filled.MilestoneByID(msDueSoon)
	ms.Note = "Доставени са 30 контролера."
	var buf bytes.Buffer
	p := stored.OpenPeriod()
	if err := xlsx.WritePeriodTemplate(&buf, filled, h.store.dbID, "IT", p, xlsx.Options{Lang: model.BG, AsOf: testAsOf}); err != nil {
		t.Fatal(err)
	}
	h.u.setUser(pCoordIT)
	h.u.settle()
	h.u.importWorkbook("шаблон-IV-тримесечие-2026-IT.xlsx", buf.Bytes())
	h.u.settle()
	imp := latest[*importDialog](h)
	if imp.refused || imp.apply == nil {
		t.Fatalf("the import was refused: %q", imp.lines)
	}
	h.tap(imp.apply)
	var it model.UnitReturn
	for _, r := range h.storedPeriods()[0].Returns {
		if r.Unit == "IT" {
			it = r
		}
	}
	if it.ReturnedAt == "" || it.ReturnedBy != model.Ref(pCoordIT) || it.Changes != 1 || it.WrittenAt == "" {
		t.Errorf("IT's return = %+v", it)
	}
	s = h.periodScreen()
	if got := s.unitRows["IT"].state.Text; !strings.HasPrefix(got, "върнат на ") || !strings.Contains(got, "Георги Димитров, 1 промяна") {
		t.Errorf("IT = %q", got)
	}
	if got, want := s.card.text.Text, "2 от 2 звена са се отчели; 1 мярка без актуализация в IV тримесечие 2026"; got != want {
		t.Errorf("card = %q, want %q", got, want)
	}

	// Closed: the same template is refused, nothing written.
	h.u.setUser(pOffice)
	h.u.settle()
	h.tap(s.closeBtn)
	h.tap(latest[*closePeriodDialog](h).confirm)
	if h.storedPeriods()[0].State != model.PeriodClosed {
		t.Fatal("the period did not close")
	}
	before := h.store.updates
	h.u.importWorkbook("шаблон-IV-тримесечие-2026-IT.xlsx", buf.Bytes())
	h.u.settle()
	if got := h.topDialogText(); !strings.Contains(got, "IV тримесечие 2026") || !strings.Contains(got, "closed") {
		t.Errorf("a template of a closed period: dialog %q", got)
	}
	if h.store.updates != before {
		t.Error("a template of a closed period wrote to the file")
	}
}
