package xlsx

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// A template of the reporting cycle gives back its period, unit, who
// filled it in and when, and the coordinators' proposals; a damaged period
// part is refused saying where.
func TestReadPeriodReturn(t *testing.T) {
	d := demoDoc(t)
	unit := d.Measures[0].LeadUnit
	area := d.Measures[0].Area
	template := periodTemplateBytes(t, d, unit, model.BG)
	instructions, proposals := sheetInstructions.In(model.BG), sheetProposals.In(model.BG)
	// metaCell is the cell of the instructions sheet that the meta key names.
	metaCell := func(f *excelize.File, key string) string {
		rows, _ := f.GetRows(metaSheet)
		for _, row := range rows {
			if len(row) > 1 && row[0] == key {
				return row[1]
			}
		}
		t.Fatalf("no meta %q", key)
		return ""
	}
	setMeta := func(f *excelize.File, key, v string) {
		rows, _ := f.GetRows(metaSheet)
		for i, row := range rows {
			if len(row) > 1 && row[0] == key {
				f.SetCellValue(metaSheet, fmt.Sprintf("B%d", i+1), v)
			}
		}
	}
	setCell := func(sheet, cell string, v any) func(f *excelize.File) {
		return func(f *excelize.File) { f.SetCellValue(sheet, cell, v) }
	}
	proposalRow := func(f *excelize.File, kind model.NarrativeKind) int {
		rows, _ := f.GetRows(proposals)
		for i, row := range rows {
			if len(row) > 0 && row[0] == area+"|"+string(kind) {
				return i + 1
			}
		}
		t.Fatalf("no proposal row for %s|%s", area, kind)
		return 0
	}
	propose := func(kind model.NarrativeKind, bg, en string) func(f *excelize.File) {
		return func(f *excelize.File) {
			r := proposalRow(f, kind)
			f.SetCellValue(proposals, fmt.Sprintf("D%d", r), bg)
			f.SetCellValue(proposals, fmt.Sprintf("E%d", r), en)
		}
	}
	base := PeriodReturn{PeriodID: 7, Unit: unit}
	withProposals := func(ns ...model.Narrative) PeriodReturn { pr := base; pr.Proposals = ns; return pr }
	for _, c := range []struct {
		name    string
		file    []byte
		edits   []func(f *excelize.File)
		want    PeriodReturn
		wantErr string
	}{
		{name: "untouched", want: base},
		{name: "plain template", file: templateBytes(t, d, unit, model.BG), want: PeriodReturn{Unit: unit}},
		{name: "filled in", edits: []func(f *excelize.File){
			func(f *excelize.File) {
				f.SetCellValue(instructions, metaCell(f, metaFilledBy), " Иван Петров ")
			},
			func(f *excelize.File) { f.SetCellValue(instructions, metaCell(f, metaFilledOn), "01.12.2026") },
			propose(model.NarrativeRisks, "Риск", "Risk"),
			propose(model.NarrativeActions, "", "Only English"),
		}, want: func() PeriodReturn {
			pr := withProposals(model.Narrative{Area: area, Kind: model.NarrativeRisks, Text: model.T("Риск", "Risk")},
				model.Narrative{Area: area, Kind: model.NarrativeActions, Text: model.T("", "Only English")})
			pr.FilledBy, pr.FilledOn = "Иван Петров", "01.12.2026"
			return pr
		}()},
		{name: "period damaged", edits: []func(f *excelize.File){func(f *excelize.File) { setMeta(f, metaPeriod, "x7") }},
			wantErr: `_meta: the template's reporting period "x7" is damaged: make a new template`},
		{name: "field damaged", edits: []func(f *excelize.File){func(f *excelize.File) { setMeta(f, metaFilledBy, "no cell") }},
			wantErr: `_meta: the template's field filledBy is damaged: make a new template`},
		{name: "proposals deleted", edits: []func(f *excelize.File){func(f *excelize.File) { f.DeleteSheet(proposals) }},
			wantErr: `the workbook lacks the template's sheet "Коментар"`},
		{name: "key row changed", edits: []func(f *excelize.File){setCell(proposals, "C1", "type")},
			wantErr: "Коментар!1: the hidden key row was changed: make a new template"},
		{name: "row key changed", edits: []func(f *excelize.File){
			propose(model.NarrativeRisks, "Риск", ""),
			propose(model.NarrativeActions, "Действие", ""),
			func(f *excelize.File) {
				f.SetCellValue(proposals, fmt.Sprintf("A%d", proposalRow(f, model.NarrativeActions)), area+"|commentary")
			},
		}, wantErr: "the row's hidden key was changed: make a new template"},
		{name: "too long", edits: []func(f *excelize.File){propose(model.NarrativeRisks, strings.Repeat("я", model.MaxNote+1), "")},
			wantErr: "narrative: text (bg) is 4001 characters long; the limit is 4000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := c.file
			if file == nil {
				file = template
			}
			if len(c.edits) > 0 {
				file = edit(t, file, func(f *excelize.File) {
					for _, e := range c.edits {
						e(f)
					}
				})
			}
			u, err := ReadUpdate(bytes.NewReader(file))
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Fatalf("error %v, want %q", err, c.wantErr)
			}
			if err == nil && !reflect.DeepEqual(u.Period, c.want) {
				t.Errorf("got %+v\nwant %+v", u.Period, c.want)
			}
		})
	}
}
