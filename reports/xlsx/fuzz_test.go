package xlsx

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// FuzzReadUpdate feeds the importer damaged and altered templates: it must
// refuse them with an error or read them, never panic, and whatever it
// reads must plan without panicking, every problem naming a sheet and row.
func FuzzReadUpdate(f *testing.F) {
	d := demoDoc(f)
	f.Add(templateBytes(f, d, "UMC", model.BG))
	f.Add(edit(f, templateBytes(f, d, "UMC", model.EN), func(x *excelize.File) {
		m := d.MeasureByCode("3.2")
		set(f, x, "Milestones", m.Milestones[4].ID, "completed", "31.02.2026")
		set(f, x, "KPI values", m.KPIs[0].ID, "value", "12,5")
		set(f, x, "Updates", m.ID, "text", "Текст")
	}))
	f.Add([]byte{})
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte("PK\x03\x04"))
	office := d.Person(1)
	f.Fuzz(func(t *testing.T, b []byte) {
		u, err := ReadUpdate(bytes.NewReader(b))
		if err != nil {
			if model.ErrorCode(err) != model.EINVALID || model.ErrorMessage(err) == "" {
				t.Errorf("ReadUpdate refused with %q (%s), want a clear EINVALID message", err, model.ErrorCode(err))
			}
			return
		}
		_, problems := Plan(d, u, office, demoDB, demoAsOf)
		for _, p := range problems {
			if p.Sheet == "" || p.Row < 1 || p.Message == "" {
				t.Errorf("problem %+v does not name its sheet, row and cause", p)
			}
		}
	})
}
