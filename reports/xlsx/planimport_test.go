package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
	"strategytracker/model/memstore"
)

// importOnce imports b into a fresh store of the demo as its first office
// user; it returns what the import says: its changes or its problems.
func importOnce(t *testing.T, b []byte, dryRun bool) (string, *memstore.Store) {
	t.Helper()
	d := demoDoc(t)
	s := memstore.New(d, memstore.Options{DatabaseID: "db-1", Now: func() time.Time { return created }})
	office := model.ID(0)
	for _, p := range d.People {
		if p.Role == model.RoleOffice {
			office = p.ID
			break
		}
	}
	res, err := ImportPlan(context.Background(), s, bytes.NewReader(b), "plan.xlsx", office, model.MustDate("2026-11-30"), dryRun)
	var ps Problems
	switch {
	case errors.As(err, &ps):
		return "refused:\n" + ps.Error(), s
	case err != nil:
		return "error: " + err.Error(), s
	}
	lines := []string{fmt.Sprintf("applied %v", res.Applied)}
	for _, c := range res.Changes {
		lines = append(lines, c.String())
	}
	return strings.Join(lines[1:], "\n"), s
}

// TestPlanDryRunIsTheImport: for every kind of workbook — unchanged,
// changed, refused while reading, refused by the planner, refused by the
// store — the dry run answers what the import does, and writes nothing
// (issue 19.4).
func TestPlanDryRunIsTheImport(t *testing.T) {
	d := demoDoc(t)
	plan := planBytes(t, d, model.EN)
	var officeRow string
	cases := []struct {
		name string
		edit func(f *excelize.File)
		want string // in the answer
	}{
		{"unchanged", func(f *excelize.File) {}, ""},
		{"a title changed", func(f *excelize.File) { f.SetCellStr("Goals", "D3", "A new title") }, "change goal G1"},
		{"a broken reference", func(f *excelize.File) { f.SetCellStr("Measures", "C3", "A9") }, `Measures!3: cell C3 ("Area"): measure "1.1": area "A9" does not exist`},
		{"a unit that does not exist", func(f *excelize.File) { f.SetCellStr("People", "F3", "NOPE") }, `People!3: cell F3 ("Unit")`},
		{"a date that does not exist", func(f *excelize.File) { f.SetCellStr("Measures", "L3", "31.02.2026") }, "Measures!3: cell L3"},
		{"every office user demoted", func(f *excelize.File) {
			rows, _ := f.GetRows("People")
			for i, r := range rows {
				if len(r) > 8 && (r[8] == "office" || r[8] == "офис") {
					officeRow = fmt.Sprint(i + 1)
					f.SetCellStr("People", "I"+officeRow, "coordinator")
				}
			}
		}, "is a coordinator and may not change person"}, // the importer demotes themselves first (the demo has three office users)
		{"a formula without a value", func(f *excelize.File) {
			f.SetCellValue("Goals", "D3", nil) // no computed value, as scripts write them
			f.SetCellFormula("Goals", "D3", `UPPER("x")`)
		}, `Goals!3: cell D3 holds the formula =UPPER("x") without a computed value`},
		{"a funding amount over the limit", func(f *excelize.File) { f.SetCellFloat("Funding", "E3", 2e11, 2, 64) },
			`Funding!3: cell E3 ("Amount, €"): ` + model.CheckCents("amount", "value", 200_000_000_000_00).Error()},
		{"a funding source without a name", func(f *excelize.File) {
			f.SetCellStr("Funding", "C3", "")
			f.SetCellStr("Funding", "D3", "")
		}, "Funding!3: measure"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := edit(t, plan, c.edit)
			dry, drySt := importOnce(t, b, true)
			real, _ := importOnce(t, b, false)
			if dry != real {
				t.Errorf("the dry run says\n%s\nthe import says\n%s", dry, real)
			}
			if !strings.Contains(real, c.want) {
				t.Errorf("the import says\n%s\nwant %q", real, c.want)
			}
			if got := len(drySt.AuditLog()); got != 1 {
				t.Errorf("the dry run wrote %d audit entries", got-1)
			}
		})
	}
	if officeRow == "" {
		t.Fatal("no office user in the demo's People sheet")
	}
}

// The planner changes neither the document nor the workbook it reads: the
// same answer twice, the inputs as they were.
func TestPlanningChangesNotItsInput(t *testing.T) {
	d := demoDoc(t)
	b := edit(t, planBytes(t, d, model.EN), func(f *excelize.File) {
		f.SetCellStr("Measures", "L3", "31.02.2026")
		f.SetCellStr("Goals", "D3", "A new title")
		f.SetCellStr("Measures", "C4", "A9")
	})
	book, err := ReadPlanBook(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	before, doc := fmt.Sprintf("%+v", book.read), fmt.Sprintf("%+v", *d)
	rows := map[*bookRow]string{}
	for _, sh := range book.sheets {
		for _, r := range sh.rows {
			rows[r] = fmt.Sprintf("%v %v", r.bad, r.cells)
		}
	}
	_, first := planBook(d, book, "db-1", model.MustDate("2026-11-30"))
	_, second := planBook(d, book, "db-1", model.MustDate("2026-11-30"))
	if !reflect.DeepEqual(first, second) || len(first) == 0 {
		t.Errorf("two plans differ:\n%v\n%v", first, second)
	}
	if fmt.Sprintf("%+v", book.read) != before || fmt.Sprintf("%+v", *d) != doc {
		t.Error("planning changed the workbook's problems or the document")
	}
	for r, was := range rows {
		if now := fmt.Sprintf("%v %v", r.bad, r.cells); now != was {
			t.Errorf("%s!%d changed: %s → %s", r.sheet.name, r.row, was, now)
		}
	}
}

// TestCentsUsesTheModelsLimit: amounts out of range get the model's one
// message, and amounts past int64 do not wrap round into range.
func TestCentsUsesTheModelsLimit(t *testing.T) {
	tests := []struct {
		euros float64
		want  error // nil: accepted
	}{
		{12.34, nil},
		{-0.01, model.CheckCents("amount", "value", -1)},
		{1e11 + 0.01, model.CheckCents("amount", "value", model.MaxCents+1)},
		{1e30, model.CheckCents("amount", "value", 1e18)},
		{-1e30, model.CheckCents("amount", "value", -1e18)},
	}
	for _, tt := range tests {
		_, err := cents(tt.euros)
		if got, want := fmt.Sprint(err), fmt.Sprint(tt.want); got != want {
			t.Errorf("cents(%v) = %s, want %s", tt.euros, got, want)
		}
	}
}
