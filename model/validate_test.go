package model

import (
	"errors"
	"math"
	"strings"
	"testing"
)

var today = MustDate("2026-11-29")

// validDoc is a small document that passes Doc.Validate(today); each
// validation row breaks exactly one thing in it.
func validDoc() *Doc {
	return &Doc{
		Format: Format,
		Strategy: Strategy{
			Title:       T("Стратегия за дигитална трансформация на София", "Digital Transformation Strategy for Sofia"),
			PeriodStart: MustDate("2020-01-01"), PeriodEnd: MustDate("2027-12-31"),
		},
		Goals: []Goal{{Code: "G1", Title: T("Решения", "Solutions")}, {Code: "G2", Title: T("Пазари", "Markets")}},
		Areas: []Area{{Code: "A1", Title: T("Е-управление", "e-Government"), Order: 1}, {Code: "A2", Title: T("Транспорт", "Transport"), Order: 2}},
		Units: []Unit{
			{Code: "IS", Name: T("Иновативна София", "Innovative Sofia"), Kind: UnitDirectorate},
			{Code: "UMC", Name: T("Център за градска мобилност", "Urban Mobility Centre"), Kind: UnitMunicipalCompany},
		},
		People: []Person{
			{ID: 1, Name: T("Мария Иванова", "Maria Ivanova"), Unit: "IS", Email: "m.ivanova@sofia.bg", Role: RoleOffice},
			{ID: 2, Name: T("Георги Петров", "Georgi Petrov"), Unit: "UMC", Role: RoleCoordinator},
		},
		Measures: []Measure{{
			ID: 1, Code: "1.1", Area: "A1", Goals: []string{"G1"}, Title: T("Електронен документооборот", "Digital document flow"),
			LeadUnit: "IS", Responsible: 1, Partners: []string{"UMC"},
			Start: MustDate("2021-01-01"), End: MustDate("2023-12-31"), Weight: 1, ManualProgress: 0,
			PlannedCents: 100000, SpentCents: 5000,
			Funding: []Funding{{Name: T("Общински бюджет", "Municipal budget"), AmountCents: 100000}},
			Milestones: []Milestone{{ID: 1, Title: T("Анализ", "Analysis"), Due: MustDate("2021-06-30"), Completed: MustDate("2021-06-20"),
				Weight: 1, Responsible: 2, Evidence: "https://sofia.bg/doc"}},
			KPIs: []KPI{{ID: 1, Name: T("Дял е-документи", "Share of e-documents"), Unit: T("%", "%"), Kind: KPIResult,
				BaselineValue: 20, BaselineDate: MustDate("2021-01-01"), TargetValue: 80, TargetDate: MustDate("2023-12-31"),
				Values: []KPIValue{{ID: 1, Date: MustDate("2022-01-01"), Value: 45}}}},
			Updates: []Update{{ID: 1, Date: MustDate("2021-07-01"), Author: 2, Text: T("Анализът е готов.", "The analysis is done.")}},
		}},
	}
}

func cyr(n int) string { return strings.Repeat("Ж", n) } // 2 bytes a character

func m0(d *Doc) *Measure    { return &d.Measures[0] }
func ms0(d *Doc) *Milestone { return &d.Measures[0].Milestones[0] }
func k0(d *Doc) *KPI        { return &d.Measures[0].KPIs[0] }

func TestValidDocIsValid(t *testing.T) {
	if err := validDoc().Validate(today); err != nil {
		t.Fatalf("validDoc().Validate: %v", err)
	}
}

func TestDocValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d *Doc)
		want   []string // the message must contain each; nil: the doc stays valid
	}{
		// empty codes
		{"empty goal code", func(d *Doc) { d.Goals[0].Code = "" }, []string{"code", "empty"}},
		{"blank area code", func(d *Doc) { d.Areas[0].Code = "  " }, []string{"code", "empty"}},
		{"empty unit code", func(d *Doc) { d.Units[0].Code = "" }, []string{"code", "empty"}},
		{"empty measure code", func(d *Doc) { m0(d).Code = "" }, []string{"code", "empty"}},
		{"code with trailing space", func(d *Doc) { m0(d).Code = "1.1 " }, []string{"code"}},
		// titles empty in both languages
		{"strategy title empty", func(d *Doc) { d.Strategy.Title = T("", " ") }, []string{"title", "both languages"}},
		{"goal title empty", func(d *Doc) { d.Goals[0].Title = Text{} }, []string{"title", "both languages"}},
		{"area title empty", func(d *Doc) { d.Areas[0].Title = T(" ", "") }, []string{"title", "both languages"}},
		{"unit name empty", func(d *Doc) { d.Units[0].Name = Text{} }, []string{"name", "both languages"}},
		{"measure title empty", func(d *Doc) { m0(d).Title = Text{} }, []string{"title", "both languages"}},
		{"milestone title empty", func(d *Doc) { ms0(d).Title = Text{} }, []string{"title", "both languages"}},
		{"KPI name empty", func(d *Doc) { k0(d).Name = Text{} }, []string{"name", "both languages"}},
		{"update text empty", func(d *Doc) { m0(d).Updates[0].Text = Text{} }, []string{"text", "both languages"}},
		{"title in one language is enough", func(d *Doc) { m0(d).Title = T("", "Only English") }, nil},
		// duplicate codes and ids
		{"duplicate goal code", func(d *Doc) { d.Goals[1].Code = "G1" }, []string{"G1", "code", "twice"}},
		{"duplicate area code", func(d *Doc) { d.Areas[1].Code = "A1" }, []string{"A1", "code", "twice"}},
		{"duplicate unit code", func(d *Doc) { d.Units[1].Code = "IS"; d.People[1].Unit = "IS" }, []string{"IS", "code", "twice"}},
		{"duplicate measure code", func(d *Doc) {
			m := *m0(d)
			m.ID, m.Milestones, m.KPIs, m.Updates = 2, nil, nil, nil
			d.Measures = append(d.Measures, m)
		}, []string{"1.1", "code", "twice"}},
		{"duplicate person id", func(d *Doc) { d.People[1].ID = 1 }, []string{"id", "twice"}},
		{"duplicate milestone id", func(d *Doc) {
			ms := *ms0(d)
			m0(d).Milestones = append(m0(d).Milestones, ms)
		}, []string{"milestone", "id", "twice"}},
		// dates
		{"measure end before start", func(d *Doc) { m0(d).End = m0(d).Start.AddDays(-1) }, []string{"end", "before start"}},
		{"measure end = start is fine", func(d *Doc) { m0(d).End = m0(d).Start }, nil},
		{"strategy periodEnd before periodStart", func(d *Doc) { d.Strategy.PeriodEnd = MustDate("2019-12-31") }, []string{"periodEnd"}},
		{"KPI targetDate before baselineDate", func(d *Doc) { k0(d).TargetDate = MustDate("2020-12-31") }, []string{"targetDate"}},
		{"due 1999-12-31", func(d *Doc) { ms0(d).Due = MustDate("1999-12-31") }, []string{"due", "2000"}},
		{"due 2101-01-01", func(d *Doc) { ms0(d).Due = MustDate("2101-01-01") }, []string{"due", "2100"}},
		{"due 2000-01-01 is fine", func(d *Doc) { ms0(d).Due = MustDate("2000-01-01"); ms0(d).Completed = 0 }, nil},
		{"due 2100-12-31 is fine", func(d *Doc) { ms0(d).Due = MustDate("2100-12-31") }, nil},
		{"due missing", func(d *Doc) { ms0(d).Due = 0 }, []string{"due"}},
		{"completed after today", func(d *Doc) { ms0(d).Completed = today.AddDays(1) }, []string{"completed", "future"}},
		{"completed today is fine", func(d *Doc) { ms0(d).Completed = today }, nil},
		// money
		{"negative plannedCents", func(d *Doc) { m0(d).PlannedCents = -1 }, []string{"plannedCents", "negative"}},
		{"negative spentCents", func(d *Doc) { m0(d).SpentCents = -1 }, []string{"spentCents", "negative"}},
		{"negative funding amount", func(d *Doc) { m0(d).Funding[0].AmountCents = -100 }, []string{"amountCents", "negative"}},
		{"zero money is fine", func(d *Doc) { m0(d).PlannedCents, m0(d).SpentCents, m0(d).Funding[0].AmountCents = 0, 0, 0 }, nil},
		// weights
		{"measure weight 0", func(d *Doc) { m0(d).Weight = 0 }, []string{"weight"}},
		{"measure weight negative", func(d *Doc) { m0(d).Weight = -1 }, []string{"weight"}},
		{"measure weight NaN", func(d *Doc) { m0(d).Weight = math.NaN() }, []string{"weight"}},
		{"milestone weight 0", func(d *Doc) { ms0(d).Weight = 0 }, []string{"weight"}},
		{"milestone weight negative", func(d *Doc) { ms0(d).Weight = -0.5 }, []string{"weight"}},
		{"fractional weight is fine", func(d *Doc) { ms0(d).Weight = 0.25 }, nil},
		// progress
		{"manualProgress below 0", func(d *Doc) { m0(d).ManualProgress = -0.1 }, []string{"manualProgress"}},
		{"manualProgress above 100", func(d *Doc) { m0(d).ManualProgress = 100.1 }, []string{"manualProgress"}},
		{"manualProgress NaN", func(d *Doc) { m0(d).ManualProgress = math.NaN() }, []string{"manualProgress"}},
		{"manualProgress 100 is fine", func(d *Doc) { m0(d).ManualProgress = 100 }, nil},
		// KPIs
		{"target equal to baseline", func(d *Doc) { k0(d).TargetValue = k0(d).BaselineValue }, []string{"targetValue", "baselineValue"}},
		{"decreasing target is fine", func(d *Doc) { k0(d).TargetValue = 5 }, nil},
		{"KPI value before baseline date", func(d *Doc) { k0(d).Values[0].Date = k0(d).BaselineDate.AddDays(-1) }, []string{"date", "baseline"}},
		{"KPI value on baseline date is fine", func(d *Doc) { k0(d).Values[0].Date = k0(d).BaselineDate }, nil},
		{"KPI unknown kind", func(d *Doc) { k0(d).Kind = "outcome" }, []string{"kind"}},
		// measure without area or lead unit
		{"measure without area", func(d *Doc) { m0(d).Area = "" }, []string{"area", "empty"}},
		{"measure without lead unit", func(d *Doc) { m0(d).LeadUnit = " " }, []string{"leadUnit", "empty"}},
		// overrides
		{"override without reason", func(d *Doc) { m0(d).Override = &Override{Status: StatusOnTrack, Reason: " "} }, []string{"override reason"}},
		{"override to an unknown status", func(d *Doc) { m0(d).Override = &Override{Status: "late", Reason: "x"} }, []string{"override status"}},
		{"override to cancelled", func(d *Doc) { m0(d).Override = &Override{Status: StatusCancelled, Reason: "x"} }, []string{"override status"}},
		{"override with reason is fine", func(d *Doc) {
			m0(d).Override = &Override{Status: StatusAtRisk, Reason: "Забава в доставката"}
		}, nil},
		// links
		{"ftp evidence", func(d *Doc) { ms0(d).Evidence = "ftp://sofia.bg/doc" }, []string{"evidence", "http"}},
		{"javascript evidence", func(d *Doc) { ms0(d).Evidence = "javascript:alert(1)" }, []string{"evidence"}},
		{"evidence without scheme", func(d *Doc) { ms0(d).Evidence = "www.sofia.bg/doc" }, []string{"evidence"}},
		{"evidence without host", func(d *Doc) { ms0(d).Evidence = "https://" }, []string{"evidence"}},
		{"file evidence", func(d *Doc) { ms0(d).Evidence = `file:///C:/docs/a.pdf` }, []string{"evidence"}},
		{"http evidence is fine", func(d *Doc) { ms0(d).Evidence = "http://example.org/a?b=1&c=2" }, nil},
		{"no evidence is fine", func(d *Doc) { ms0(d).Evidence = "" }, nil},
		// text limits, in characters (Cyrillic: 2 bytes each)
		{"code of 21 characters", func(d *Doc) { m0(d).Code = cyr(21) }, []string{"code", "20"}},
		{"code of 20 characters is fine", func(d *Doc) { m0(d).Code = cyr(20) }, nil},
		{"title of 301 characters (bg)", func(d *Doc) { m0(d).Title.BG = cyr(301) }, []string{"title", "300"}},
		{"title of 301 characters (en)", func(d *Doc) { d.Goals[0].Title.EN = strings.Repeat("x", 301) }, []string{"title", "300"}},
		{"title of 300 characters is fine", func(d *Doc) { m0(d).Title.BG = cyr(300) }, nil},
		{"milestone note of 4001 characters", func(d *Doc) { ms0(d).Note = cyr(4001) }, []string{"note", "4000"}},
		{"milestone note of 4000 characters is fine", func(d *Doc) { ms0(d).Note = cyr(4000) }, nil},
		{"English milestone note of 4001 characters", func(d *Doc) { ms0(d).NoteEn = cyr(4001) }, []string{"noteEn", "4000"}},
		{"English milestone note of 4000 characters is fine", func(d *Doc) { ms0(d).NoteEn = cyr(4000) }, nil},
		{"English milestone note not UTF-8", func(d *Doc) { ms0(d).NoteEn = "\xff" }, []string{"noteEn", "UTF-8"}},
		{"English override reason of 4001 characters", func(d *Doc) {
			m0(d).Override = &Override{Status: StatusAtRisk, Reason: "x", ReasonEn: cyr(4001)}
		}, []string{"reasonEn", "4000"}},
		{"override with an English reason only is fine", func(d *Doc) { m0(d).Override = &Override{Status: StatusAtRisk, ReasonEn: "delayed"} }, nil},
		{"override without a reason in either language", func(d *Doc) { m0(d).Override = &Override{Status: StatusAtRisk, Reason: " ", ReasonEn: " "} }, []string{"override reason"}},
		{"submitter who is nobody", func(d *Doc) { d.Strategy.Submitter = 99 }, []string{"submitter", "99"}},
		{"submitter who is a person is fine", func(d *Doc) { d.Strategy.Submitter = 1 }, nil},
		{"update text of 4001 characters", func(d *Doc) { m0(d).Updates[0].Text.EN = cyr(4001) }, []string{"text", "4000"}},
		{"update text of 4000 characters is fine", func(d *Doc) { m0(d).Updates[0].Text.BG = cyr(4000) }, nil},
		{"KPI value note of 4001 characters", func(d *Doc) { k0(d).Values[0].Note = cyr(4001) }, []string{"note", "4000"}},
		{"override reason of 4001 characters", func(d *Doc) { m0(d).Override = &Override{Status: StatusAtRisk, Reason: cyr(4001)} }, []string{"override reason", "4000"}},
		{"invalid UTF-8", func(d *Doc) { ms0(d).Note = "\xff\xfe" }, []string{"note", "UTF-8"}},
		// unknown references
		{"measure in unknown area", func(d *Doc) { m0(d).Area = "A9" }, []string{"area", "A9", "does not exist"}},
		{"unknown lead unit", func(d *Doc) { m0(d).LeadUnit = "XX" }, []string{"leadUnit", "XX", "does not exist"}},
		{"unknown goal", func(d *Doc) { m0(d).Goals = []string{"G7"} }, []string{"goal", "G7", "does not exist"}},
		{"unknown partner unit", func(d *Doc) { m0(d).Partners = []string{"YY"} }, []string{"partner", "YY", "does not exist"}},
		{"unknown responsible person", func(d *Doc) { m0(d).Responsible = 99 }, []string{"responsible", "99", "does not exist"}},
		{"unknown milestone responsible", func(d *Doc) { ms0(d).Responsible = 98 }, []string{"responsible", "98", "does not exist"}},
		{"unknown update author", func(d *Doc) { m0(d).Updates[0].Author = 97 }, []string{"author", "97", "does not exist"}},
		{"person in unknown unit", func(d *Doc) { d.People[0].Unit = "ZZ" }, []string{"unit", "ZZ", "does not exist"}},
		// other fields
		{"wrong format", func(d *Doc) { d.Format = "strategytracker/9" }, []string{"format"}},
		{"unknown unit kind", func(d *Doc) { d.Units[0].Kind = "ministry" }, []string{"kind"}},
		{"unknown role", func(d *Doc) { d.People[0].Role = "admin" }, []string{"role"}},
		{"person without unit", func(d *Doc) { d.People[0].Unit = "" }, []string{"unit"}},
		{"e-mail without @", func(d *Doc) { d.People[0].Email = "m.ivanova" }, []string{"email"}},
		{"measure without start", func(d *Doc) { m0(d).Start = 0 }, []string{"start"}},
		{"measure id 0", func(d *Doc) { m0(d).ID = 0 }, []string{"measure", "id"}},
		{"person id 0", func(d *Doc) { d.People[0].ID = 0 }, []string{"id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDoc()
			tt.break_(d)
			err := d.Validate(today)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate: %v, want no error", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate: no error, want one naming %q", tt.want)
			}
			if code := ErrorCode(err); code != EINVALID {
				t.Errorf("error code = %q, want %q", code, EINVALID)
			}
			msg := ErrorMessage(err)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
			// Every field rule names its field for forms, as the message does.
			var e *Error
			if !errors.As(err, &e) || e.Field == "" {
				t.Errorf("error %q carries no Field", msg)
			} else if !strings.Contains(msg, strings.TrimSuffix(fieldLabel(e.Field), "s")) { // "goals": "goal \"G7\" …"
				t.Errorf("Field %q (%q) is not the field the message names: %q", e.Field, fieldLabel(e.Field), msg)
			}
		})
	}
}

func TestMilestoneValidateToday(t *testing.T) {
	base := Milestone{ID: 5, Title: T("Етап", "Step"), Due: MustDate("2026-06-30"), Weight: 1}
	tests := []struct {
		name      string
		completed Date
		today     Date
		wantErr   bool
	}{
		{"completed yesterday", today.AddDays(-1), today, false},
		{"completed today", today, today, false},
		{"completed tomorrow", today.AddDays(1), today, true},
		{"completed next year", today.AddDays(365), today, true},
		{"no today skips the check", today.AddDays(365), 0, false},
		{"not completed", 0, today, false},
		{"completed before 2000", MustDate("1999-12-31"), today, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base
			m.Completed = tt.completed
			err := m.Validate(tt.today)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate(%s) = %v, wantErr %v", tt.today, err, tt.wantErr)
			}
			if err != nil {
				if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "completed") {
					t.Errorf("error %q (code %q) should be EINVALID and name completed", err, ErrorCode(err))
				}
			}
		})
	}
}

func TestCheckLink(t *testing.T) {
	tests := []struct {
		link    string
		wantErr bool
	}{
		{"", false},
		{"https://sofia.bg", false},
		{"HTTPS://SOFIA.BG/x", false},
		{"http://localhost:8080/a", false},
		{"mailto:a@sofia.bg", true},
		{"ftp://sofia.bg", true},
		{"sofia.bg", true},
		{"//sofia.bg/x", true},
		{"https://" + strings.Repeat("a", 2001), true},
		// What url.Parse lets through but an href cannot hold (issue 24).
		{`https://sofia.bg/a"onmouseover="x`, true},
		{"https://sofia.bg/<script>", true},
		{"https://sofia.bg/a b", true},
		{"https://sofia.bg/a\u00a0b", true},
		{"https://sofia.bg/a\tb", true},
		{`https://sofia.bg/a\b`, true},
		{"https://sofia.bg/{x}", true},
		{"https://sofia.bg/новини?q=1&r=2#x", false},
		{"https://sofia.bg/a%20b%22", false},
		{"https://sofia.bg/o'brien", false},
	}
	for _, tt := range tests {
		err := CheckLink("milestone 1", "evidence", tt.link)
		if (err != nil) != tt.wantErr {
			t.Errorf("CheckLink(%.40q) = %v, wantErr %v", tt.link, err, tt.wantErr)
		}
		if err != nil && (ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "evidence")) {
			t.Errorf("CheckLink(%.40q) error %q should be EINVALID naming evidence", tt.link, err)
		}
	}
}

// TestEvidenceLinkRefusedInTheDocument: the whole document's Validate (load,
// import) refuses an evidence link that would make an invalid href.
func TestEvidenceLinkRefusedInTheDocument(t *testing.T) {
	d := Generate(3, 1)
	d.Measures[1].Milestones[0].Evidence = `https://sofia.bg/doc"><script>x</script>`
	err := d.Validate(GeneratedAsOf)
	if err == nil || ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "evidence") {
		t.Errorf("Validate = %v, want EINVALID naming the evidence", err)
	}
}
