package xlsx

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// FuzzReadPlanBook: whatever the bytes, reading and planning a plan
// workbook either refuses the file with a clear message or names every
// problem by sheet and row — never a panic.
func FuzzReadPlanBook(f *testing.F) {
	d := demoDoc(f)
	f.Add(planBytes(f, d, model.BG))
	f.Add(edit(f, planBytes(f, d, model.EN), func(x *excelize.File) {
		x.SetCellStr("Measures", "L3", "31.02.2026")
		x.SetCellStr("Goals", "B4", "G1")
		x.SetCellStr("People", "F3", "NOPE")
	}))
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		book, err := ReadPlanBook(bytes.NewReader(b))
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID || model.ErrorMessage(err) == "" {
				t.Errorf("ReadPlanBook refused with %q (%s), want a clear EINVALID message", err, model.ErrorCode(err))
			}
			return
		}
		_, problems := planBook(d, book, "db-1", model.MustDate("2026-11-30"))
		for _, p := range problems {
			if p.Sheet == "" || p.Row < 1 || p.Message == "" {
				t.Errorf("problem %+v does not name its sheet, row and cause", p)
			}
		}
	})
}
