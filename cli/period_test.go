package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

type periodStatusJSON struct {
	Period struct {
		Name, Start, End, Due, State string
	} `json:"period"`
	Units []struct {
		Code       string  `json:"code"`
		State      string  `json:"state"`
		ReturnedAt *string `json:"returnedAt"`
		Changes    int     `json:"changes"`
	} `json:"units"`
	MeasuresWithoutUpdate []string `json:"measuresWithoutUpdate"`
}

// metaValue is the value of key on a template's hidden sheet.
func metaValue(t *testing.T, f *excelize.File, key string) string {
	t.Helper()
	rows, err := f.GetRows("_meta")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 1 && r[0] == key {
			return r[1]
		}
	}
	t.Fatalf("the template's hidden sheet has no %q", key)
	return ""
}

// TestReportingCycleOnTheDemo runs a whole cycle as the office does:
// open a period, write every unit's template, get two back filled in
// (outside the app), import them, see who has reported, write reminders to
// the others, close the period; and the steps that must be refused.
func TestReportingCycleOnTheDemo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "-db", db)
	today := model.DateOf(time.Now())
	start, end, due := today.AddDays(-60), today.AddDays(30), today.AddDays(45)
	refused := func(args ...string) string {
		t.Helper()
		sum := sum256(t, db)
		code, _, errOut := run(t, args...)
		if code == 0 || !strings.HasPrefix(errOut, "strategytracker: ") {
			t.Fatalf("%v: exit %d, stderr %q; want a refusal", args, code, errOut)
		}
		if sum256(t, db) != sum {
			t.Fatalf("%v was refused but changed the file", args)
		}
		return errOut
	}
	refused("period", "close", "-db", db)
	mustRun(t, "period", "open", "-db", db, "-name", "IV тримесечие", "-name-en", "Q4", "-start", start.String(), "-end", end.String(), "-due", due.String())
	if msg := refused("period", "open", "-db", db, "-name", "Друг", "-start", start.String(), "-end", end.String(), "-due", due.String()); !strings.Contains(msg, "one period is open at a time") {
		t.Errorf("second period: %s", msg)
	}

	tpls := filepath.Join(dir, "templates")
	mustRun(t, "templates", "-db", db, "-dir", tpls)
	d := docOf(t, db)
	units := d.ReportingUnits()
	files, _ := os.ReadDir(tpls)
	if len(files) != len(units) || len(units) < 4 {
		t.Fatalf("%d templates for %d units", len(files), len(units))
	}
	p := d.OpenPeriod()
	var st periodStatusJSON
	json.Unmarshal([]byte(mustRun(t, "period", "status", "-db", db, "-json")), &st)
	for _, u := range st.Units {
		if u.State != "written" {
			t.Errorf("unit %s is %s after the templates were written", u.Code, u.State)
		}
	}

	// Two units fill in their templates: an update for each of their
	// measures, their name, and a proposal for the council report.
	returned := units[:2]
	updated := map[string]bool{}
	for _, unit := range returned {
		path := filepath.Join(tpls, templateName(t, db, p, unit))
		filled := filepath.Join(dir, "filled-"+unit+".xlsx")
		fill(t, path, filled, func(f *excelize.File) {
			for _, m := range d.Measures {
				if m.LeadUnit == unit && !m.Cancelled {
					setCell(t, f, "Актуализации", m.ID, "text", "Работата по мярката продължава по план.")
					updated[m.Code] = true
				}
			}
			if err := f.SetCellValue("Указания", metaValue(t, f, "filledBy"), "Мария Петрова, главен експерт"); err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellValue("Коментар", "D3", "Предложение на звено "+unit); err != nil {
				t.Fatal(err)
			}
		})
		out := mustRun(t, "import", "-db", db, filled)
		if !strings.Contains(out, "recorded the return") {
			t.Errorf("import of %s: %s", unit, out)
		}
	}

	json.Unmarshal([]byte(mustRun(t, "period", "status", "-db", db, "-json")), &st)
	if st.Period.Name != "IV тримесечие" || st.Period.State != "open" || st.Period.Due != due.String() {
		t.Errorf("period: %+v", st.Period)
	}
	var gotReturned []string
	for _, u := range st.Units {
		if u.State == "returned" {
			gotReturned = append(gotReturned, u.Code)
			if u.ReturnedAt == nil || u.Changes == 0 {
				t.Errorf("unit %s returned without time or changes: %+v", u.Code, u)
			}
		} else if u.ReturnedAt != nil {
			t.Errorf("unit %s is %s with a return time", u.Code, u.State)
		}
	}
	if !slices.Equal(gotReturned, returned) {
		t.Errorf("returned units: got %v, want %v", gotReturned, returned)
	}
	// The measures without an update: every live measure with nothing
	// dated in the period (from start to the due date), but those updated.
	d = docOf(t, db)
	var want []string
	for _, m := range d.Measures {
		if m.Cancelled || updated[m.Code] {
			continue
		}
		in := func(x model.Date) bool { return x >= start && x <= due }
		any := false
		for _, u := range m.Updates {
			any = any || in(u.Date)
		}
		for _, ms := range m.Milestones {
			any = any || (ms.Completed != 0 && in(ms.Completed))
		}
		for _, k := range m.KPIs {
			for _, v := range k.Values {
				any = any || in(v.Date)
			}
		}
		if !any {
			want = append(want, m.Code)
		}
	}
	slices.SortFunc(want, model.CompareCodes)
	if !slices.Equal(st.MeasuresWithoutUpdate, want) {
		t.Errorf("measures without update:\n got %v\nwant %v", st.MeasuresWithoutUpdate, want)
	}
	for code := range updated {
		if slices.Contains(st.MeasuresWithoutUpdate, code) {
			t.Errorf("updated measure %s is listed without update", code)
		}
	}
	proposals := 0
	for _, n := range d.Periods[0].Narrative {
		if strings.HasPrefix(n.Text.BG, "Предложение на звено ") && n.ProposedBy != 0 && n.AcceptedBy == 0 {
			proposals++
		}
	}
	if proposals != 2 {
		t.Errorf("%d proposals recorded, want 2", proposals)
	}
	for _, r := range d.Periods[0].Returns {
		if slices.Contains(returned, r.Unit) && r.FilledBy != "Мария Петрова, главен експерт" {
			t.Errorf("unit %s: filled in by %q", r.Unit, r.FilledBy)
		}
	}
	text := mustRun(t, "period", "status", "-db", db)
	if !strings.Contains(text, "Отчели са се 2 от ") {
		t.Errorf("status text:\n%s", text)
	}

	// Reminders go to the coordinators of the units that have not
	// reported, each with its unit's template, and to nobody else.
	rem := filepath.Join(dir, "reminders")
	mustRun(t, "reminders", "-db", db, "-dir", rem)
	emls, _ := filepath.Glob(filepath.Join(rem, "*.eml"))
	wantMails := 0
	for _, u := range units[2:] {
		for _, pp := range d.People {
			if pp.Unit == u && pp.Role == model.RoleCoordinator && pp.Email != "" {
				wantMails++
				break
			}
		}
	}
	if len(emls) != wantMails || wantMails == 0 {
		t.Fatalf("%d reminders, want %d", len(emls), wantMails)
	}
	for _, path := range emls {
		b, _ := os.ReadFile(path)
		msg, err := mail.ReadMessage(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not an RFC 5322 message: %v", path, err)
		}
		to, _ := msg.Header.AddressList("To")
		unit := ""
		for _, pp := range d.People {
			if len(to) > 0 && pp.Email == to[0].Address {
				unit = pp.Unit
			}
		}
		if unit == "" || slices.Contains(returned, unit) {
			t.Errorf("%s goes to %v (unit %q)", path, to, unit)
			continue
		}
		_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
		mr := multipart.NewReader(msg.Body, params["boundary"])
		mr.NextPart()
		att, err := mr.NextPart()
		if err != nil {
			t.Fatalf("%s: no attachment: %v", path, err)
		}
		if got, want := att.FileName(), templateName(t, db, p, unit); got != want {
			t.Errorf("%s: attachment %q, want %q", path, got, want)
		}
		io.Copy(io.Discard, att)
	}

	out := mustRun(t, "period", "close", "-db", db)
	if !strings.Contains(out, `snapshot "IV тримесечие"`) {
		t.Errorf("close: %s", out)
	}
	d = docOf(t, db)
	if len(d.Snapshots) != 1 || d.Snapshots[0].Name != "IV тримесечие" {
		t.Errorf("snapshots after closing: %+v", d.Snapshots)
	}
	if msg := refused("period", "close", "-db", db); !strings.Contains(msg, "already closed") {
		t.Errorf("closing twice: %s", msg)
	}
	late := filepath.Join(tpls, templateName(t, db, p, units[2]))
	if msg := refused("import", "-db", db, late); !strings.Contains(msg, "closed") {
		t.Errorf("a template of a closed period: %s", msg)
	}
	refused("period", "narrative", "-db", db, "-text", "Твърде късно.")
	refused("period", "reopen", "-db", db)
	mustRun(t, "period", "open", "-db", db, "-name", "I тримесечие", "-start", end.AddDays(1).String(), "-end", end.AddDays(90).String(), "-due", end.AddDays(105).String())
	if msg := refused("import", "-db", db, late); !strings.Contains(msg, "closed") {
		t.Errorf("a template of another period: %s", msg)
	}
	if out := mustRun(t, "check", "-db", db); !strings.Contains(out, "ok") {
		t.Errorf("check: %s", out)
	}
}

// templateName is the file name of unit's template in period p of the
// file db (unit ids are the file's, not in an export).
func templateName(t *testing.T, db string, p *model.Period, unit string) string {
	t.Helper()
	d := planDocOf(t, db)
	f, err := d.CycleFileOf(d.PeriodByID(p.ID), unit, model.BG)
	if err != nil {
		t.Fatal(err)
	}
	return f.Template
}
