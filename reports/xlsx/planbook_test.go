package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

func planBytes(t testing.TB, d *model.Doc, lang model.Lang) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePlanTemplate(&buf, d, "db-1", opts(lang)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The plan workbook of a strategy, read back against it, changes nothing,
// in either language; the same bytes come out twice.
func TestPlanWorkbookRoundTrip(t *testing.T) {
	for _, lang := range []model.Lang{model.BG, model.EN} {
		d := demoDoc(t)
		b := planBytes(t, d, lang)
		if !bytes.Equal(b, planBytes(t, demoDoc(t), lang)) {
			t.Errorf("%s: two writes differ", lang)
		}
		book, err := ReadPlanBook(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, dbID := range []string{"db-1", "another file"} {
			changes, problems := planBook(d, book, dbID, model.MustDate("2026-11-30"))
			if len(problems) > 0 || len(changes) > 0 {
				t.Fatalf("%s %s: changes %v problems %v", lang, dbID, changes, problems)
			}
		}
	}
}

// Files that are not plan workbooks are refused as a whole, saying why.
func TestReadPlanBookRefusesOtherFiles(t *testing.T) {
	d := demoDoc(t)
	noSheet := edit(t, planBytes(t, d, model.EN), func(f *excelize.File) { f.DeleteSheet("Milestones") })
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"text", []byte("code,title\nG1,x\n"), "not an Excel workbook"},
		{"damaged zip", []byte("PK\x03\x04garbage"), "damaged"},
		{"update template", templateBytes(t, d, "", model.BG), "not a plan workbook"},
		{"progress workbook", workbookBytes(t, d, model.BG), "not a plan workbook"},
		{"a sheet deleted", noSheet, `lacks the plan's sheet "Milestones"`},
	}
	for _, c := range cases {
		_, err := ReadPlanBook(bytes.NewReader(c.b))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
		if got := model.ErrorReason(err); got != model.ReasonNotWorkbook && got != model.ReasonNotTemplate {
			t.Errorf("%s: reason %q, want %q or %q", c.name, got, model.ReasonNotWorkbook, model.ReasonNotTemplate)
		}
	}
}

// Cells that cannot be read are reported by sheet and row, all of them.
func TestPlanWorkbookCellProblems(t *testing.T) {
	d := demoDoc(t)
	b := edit(t, planBytes(t, d, model.EN), func(f *excelize.File) {
		f.SetCellStr("Measures", "L3", "2026-02-30")   // start: no such day
		f.SetCellStr("Measures", "P3", "12.345")       // planned: more than cents
		f.SetCellStr("Units", "E3", "ministry")        // kind: not in the list
		f.SetCellStr("People", "I3", "boss")           // role: not in the list
		f.SetCellStr("Milestones", "B3", "9.99")       // measure that does not exist
		f.SetCellStr("KPIs", "J3", "not a number")     // target
		f.SetCellStr("Funding", "E3", "-5")            // negative amount
		f.SetCellStr("Goals", "C3", "\xff\xfe broken") // not UTF-8
	})
	book, err := ReadPlanBook(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	_, problems := planBook(d, book, "db-1", model.MustDate("2026-11-30"))
	text := problems.Error()
	for _, want := range []string{"Measures!3: cell L3", "Measures!3: cell P3", "more than two decimals", "Units!3: cell E3", "People!3: cell I3",
		"Milestones!3: cell B3 (\"Measure\"): measure \"9.99\" does not exist", "KPIs!3: cell J3", "Funding!3: cell E3"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
}

// The progress workbook of an adopted plan has the revisions sheet; one
// never adopted has none (and is unchanged).
func TestProgressWorkbookRevisionsSheet(t *testing.T) {
	d := demoDoc(t)
	plain := workbookBytes(t, d, model.EN)
	if idx, _ := open(t, plain).GetSheetIndex("Revisions"); idx >= 0 {
		t.Fatal("a plan never adopted has a revisions sheet")
	}
	d.Adoption = &model.Adoption{AdoptedOn: model.MustDate("2020-06-11"), CouncilDecision: model.T("Решение № 338", "Decision 338"), By: "x"}
	m := &d.Measures[0]
	d.Revisions = []model.Revision{{ID: 1, Entity: model.EntityMeasure, EntityID: m.ID, MeasureID: m.ID, Field: "end", Original: "2025-12-31",
		Previous: "2025-12-31", Current: m.End.String(), At: "2026-11-01T10:00:00.000000Z", By: "Ивелина Петрова <i.petrova@sofia.example>", Reason: model.T("", "procurement delayed")}}
	rows, err := open(t, workbookBytes(t, d, model.EN)).GetRows("Revisions")
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, " | "))
	}
	got := strings.Join(text, "\n")
	for _, want := range []string{m.Code + " | the end date | 31 Dec 2025 | " + m.End.Display(model.EN), "Ivelina Petrova | procurement delayed"} {
		if !strings.Contains(got, want) {
			t.Errorf("the revisions sheet lacks %q:\n%s", want, got)
		}
	}
}
