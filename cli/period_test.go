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
	c := &cycleRun{t: t, dir: dir, db: filepath.Join(dir, "demo.db"), tpls: filepath.Join(dir, "templates")}
	db := c.db
	mustRun(t, "demo", "-db", db)
	today := model.DateOf(time.Now())
	c.start, c.end, c.due = today.AddDays(-60), today.AddDays(30), today.AddDays(45)
	start, end, due := c.start, c.end, c.due
	c.refused("period", "close", "-db", db)
	mustRun(t, "period", "open", "-db", db, "-name", "IV тримесечие", "-name-en", "Q4", "-start", start.String(), "-end", end.String(), "-due", due.String())
	if msg := c.refused("period", "open", "-db", db, "-name", "Друг", "-start", start.String(), "-end", end.String(), "-due", due.String()); !strings.Contains(msg, "one period is open at a time") {
		t.Errorf("second period: %s", msg)
	}

	mustRun(t, "templates", "-db", db, "-dir", c.tpls)
	c.d = docOf(t, db)
	c.units = c.d.ReportingUnits()
	files, _ := os.ReadDir(c.tpls)
	if len(files) != len(c.units) || len(c.units) < 4 {
		t.Fatalf("%d templates for %d units", len(files), len(c.units))
	}
	c.p = c.d.OpenPeriod()
	var st periodStatusJSON
	json.Unmarshal([]byte(mustRun(t, "period", "status", "-db", db, "-json")), &st)
	for _, u := range st.Units {
		if u.State != "written" {
			t.Errorf("unit %s is %s after the templates were written", u.Code, u.State)
		}
	}

	c.returnTwo()
	c.checkStatus()
	c.checkReminders()
	c.closeAndRefuse()
	if out := mustRun(t, "check", "-db", db); !strings.Contains(out, "ok") {
		t.Errorf("check: %s", out)
	}
}

// cycleRun is the state of TestReportingCycleOnTheDemo between its steps.
type cycleRun struct {
	t               *testing.T
	dir, db, tpls   string
	start, end, due model.Date
	d               *model.Doc
	p               *model.Period
	units, returned []string
	updated         map[string]bool // measures given an update by a return
}

// refused runs args, which must be refused and leave the file as it was.
func (c *cycleRun) refused(args ...string) string {
	t := c.t
	t.Helper()
	sum := sum256(t, c.db)
	code, _, errOut := run(t, args...)
	if code == 0 || !strings.HasPrefix(errOut, "strategytracker: ") {
		t.Fatalf("%v: exit %d, stderr %q; want a refusal", args, code, errOut)
	}
	if sum256(t, c.db) != sum {
		t.Fatalf("%v was refused but changed the file", args)
	}
	return errOut
}

// returnTwo: two units fill in their templates (an update for each of
// their measures, their name, and a proposal for the council report), and
// the office imports them.
func (c *cycleRun) returnTwo() {
	t := c.t
	c.returned = c.units[:2]
	c.updated = map[string]bool{}
	for _, unit := range c.returned {
		path := filepath.Join(c.tpls, templateName(t, c.db, c.p, unit))
		filled := filepath.Join(c.dir, "filled-"+unit+".xlsx")
		fill(t, path, filled, func(f *excelize.File) {
			for _, m := range c.d.Measures {
				if m.LeadUnit == unit && !m.Cancelled {
					setCell(t, f, "Актуализации", m.ID, "text", "Работата по мярката продължава по план.")
					c.updated[m.Code] = true
				}
			}
			if err := f.SetCellValue("Указания", metaValue(t, f, "filledBy"), "Мария Петрова, главен експерт"); err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellValue("Коментар", "D3", "Предложение на звено "+unit); err != nil {
				t.Fatal(err)
			}
		})
		out := mustRun(t, "import", "-db", c.db, filled)
		if !strings.Contains(out, "отговорът на звеното е записан") {
			t.Errorf("import of %s: %s", unit, out)
		}
	}
}

// checkStatus: period status says who has reported and which measures
// have no update; the returns and the proposals are recorded.
func (c *cycleRun) checkStatus() {
	t := c.t
	var st periodStatusJSON
	json.Unmarshal([]byte(mustRun(t, "period", "status", "-db", c.db, "-json")), &st)
	if st.Period.Name != "IV тримесечие" || st.Period.State != "open" || st.Period.Due != c.due.String() {
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
	if !slices.Equal(gotReturned, c.returned) {
		t.Errorf("returned units: got %v, want %v", gotReturned, c.returned)
	}
	c.d = docOf(t, c.db)
	if want := c.withoutUpdate(); !slices.Equal(st.MeasuresWithoutUpdate, want) {
		t.Errorf("measures without update:\n got %v\nwant %v", st.MeasuresWithoutUpdate, want)
	}
	for code := range c.updated {
		if slices.Contains(st.MeasuresWithoutUpdate, code) {
			t.Errorf("updated measure %s is listed without update", code)
		}
	}
	proposals := 0
	for _, n := range c.d.Periods[0].Narrative {
		if strings.HasPrefix(n.Text.BG, "Предложение на звено ") && n.ProposedBy != 0 && n.AcceptedBy == 0 {
			proposals++
		}
	}
	if proposals != 2 {
		t.Errorf("%d proposals recorded, want 2", proposals)
	}
	for _, r := range c.d.Periods[0].Returns {
		if slices.Contains(c.returned, r.Unit) && r.FilledBy != "Мария Петрова, главен експерт" {
			t.Errorf("unit %s: filled in by %q", r.Unit, r.FilledBy)
		}
	}
	text := mustRun(t, "period", "status", "-db", c.db)
	if !strings.Contains(text, "Отчели са се 2 от ") {
		t.Errorf("status text:\n%s", text)
	}
}

// withoutUpdate are the measures without an update, counted here: every
// live measure with nothing dated in the period (from start to the due
// date), but those the returns updated.
func (c *cycleRun) withoutUpdate() []string {
	var want []string
	in := func(x model.Date) bool { return x != 0 && x >= c.start && x <= c.due }
	for _, m := range c.d.Measures {
		if m.Cancelled || c.updated[m.Code] {
			continue
		}
		any := false
		for _, u := range m.Updates {
			any = any || in(u.Date)
		}
		for _, ms := range m.Milestones {
			any = any || in(ms.Completed)
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
	return want
}

// checkReminders: reminders go to the coordinators of the units that have
// not reported, each with its unit's template, and to nobody else.
func (c *cycleRun) checkReminders() {
	t := c.t
	rem := filepath.Join(c.dir, "reminders")
	mustRun(t, "reminders", "-db", c.db, "-dir", rem)
	emls, _ := filepath.Glob(filepath.Join(rem, "*.eml"))
	wantMails := 0
	for _, u := range c.units[2:] {
		if slices.ContainsFunc(c.d.People, func(pp model.Person) bool {
			return pp.Unit == u && pp.Role == model.RoleCoordinator && pp.Email != ""
		}) {
			wantMails++
		}
	}
	if len(emls) != wantMails || wantMails == 0 {
		t.Fatalf("%d reminders, want %d", len(emls), wantMails)
	}
	for _, path := range emls {
		c.checkReminder(path)
	}
}

func (c *cycleRun) checkReminder(path string) {
	t := c.t
	b, _ := os.ReadFile(path)
	msg, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not an RFC 5322 message: %v", path, err)
	}
	to, _ := msg.Header.AddressList("To")
	unit := ""
	for _, pp := range c.d.People {
		if len(to) > 0 && pp.Email == to[0].Address {
			unit = pp.Unit
		}
	}
	if unit == "" || slices.Contains(c.returned, unit) {
		t.Errorf("%s goes to %v (unit %q)", path, to, unit)
		return
	}
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	mr := multipart.NewReader(msg.Body, params["boundary"])
	mr.NextPart()
	att, err := mr.NextPart()
	if err != nil {
		t.Fatalf("%s: no attachment: %v", path, err)
	}
	if got, want := att.FileName(), templateName(t, c.db, c.p, unit); got != want {
		t.Errorf("%s: attachment %q, want %q", path, got, want)
	}
	io.Copy(io.Discard, att)
}

// closeAndRefuse closes the period, which freezes its snapshot; then a
// second close, a late template, the narrative and a reopen without a
// reason are refused, and so is the late template in the next period.
func (c *cycleRun) closeAndRefuse() {
	t, db := c.t, c.db
	out := mustRun(t, "period", "close", "-db", db)
	if !strings.Contains(out, `snapshot "IV тримесечие"`) {
		t.Errorf("close: %s", out)
	}
	d := docOf(t, db)
	if len(d.Snapshots) != 1 || d.Snapshots[0].Name != "IV тримесечие" {
		t.Errorf("snapshots after closing: %+v", d.Snapshots)
	}
	if msg := c.refused("period", "close", "-db", db); !strings.Contains(msg, "already closed") {
		t.Errorf("closing twice: %s", msg)
	}
	late := filepath.Join(c.tpls, templateName(t, db, c.p, c.units[2]))
	if msg := c.refused("import", "-db", db, late); !strings.Contains(msg, "closed") {
		t.Errorf("a template of a closed period: %s", msg)
	}
	c.refused("period", "narrative", "-db", db, "-text", "Твърде късно.")
	c.refused("period", "reopen", "-db", db)
	mustRun(t, "period", "open", "-db", db, "-name", "I тримесечие", "-start", c.end.AddDays(1).String(), "-end", c.end.AddDays(90).String(), "-due", c.end.AddDays(105).String())
	if msg := c.refused("import", "-db", db, late); !strings.Contains(msg, "closed") {
		t.Errorf("a template of another period: %s", msg)
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
