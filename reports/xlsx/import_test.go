package xlsx

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"strategytracker/model"
)

// fakeStore is a model.Store over a document in memory: Update runs on a
// copy through fakeTx and keeps it only when fn succeeds.
type fakeStore struct {
	model.Store // the methods Import does not use
	doc         *model.Doc
	imports     []string // the source of each committed import
}

func (s *fakeStore) DatabaseID() string { return demoDB }

func (s *fakeStore) Doc(context.Context) (*model.Doc, error) { return copyDoc(s.doc), nil }

func (s *fakeStore) Update(_ context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	tx := &fakeTx{d: copyDoc(s.doc), nextID: model.ID(100 * (len(s.imports) + 1))}
	if err := fn(tx); err != nil {
		return err
	}
	s.doc = tx.d
	if action == model.ActionImport {
		s.imports = append(s.imports, source)
	}
	return nil
}

// copyDoc copies the rows Import may change.
func copyDoc(d *model.Doc) *model.Doc {
	c := *d
	c.People = slices.Clone(d.People)
	c.Measures = slices.Clone(d.Measures)
	for i := range c.Measures {
		m := &c.Measures[i]
		m.Milestones, m.Updates, m.KPIs = slices.Clone(m.Milestones), slices.Clone(m.Updates), slices.Clone(m.KPIs)
		for j := range m.KPIs {
			m.KPIs[j].Values = slices.Clone(m.KPIs[j].Values)
		}
	}
	return &c
}

// The app shows a preview (a dry run), someone else imports the same values
// meanwhile, then the preview is applied: Import plans again inside the
// transaction, so nothing is written twice.
func TestImportPlansAgainInsideTheTransaction(t *testing.T) {
	ctx := context.Background()
	d := demoDoc(t)
	m := d.MeasureByCode("1.1")
	kpiID, msID, m12 := m.KPIs[0].ID, m.Milestones[4].ID, d.MeasureByCode("1.2").ID
	day := model.MustDate("2026-11-15")
	const text = "Публикувани са още 12 набора от данни."
	file := edit(t, templateBytes(t, d, "", model.BG), func(f *excelize.File) {
		set(t, f, "Етапи", msID, "completed", "20.11.2026")
		set(t, f, "Показатели", kpiID, "date", "15.11.2026")
		set(t, f, "Показатели", kpiID, "value", "57,5")
		set(t, f, "Актуализации", m12, "date", "15.11.2026")
		set(t, f, "Актуализации", m12, "text", text)
	})
	store := &fakeStore{doc: d}

	preview, err := Import(ctx, store, bytes.NewReader(file), "update.xlsx", 1, demoAsOf.Time(), true)
	if err != nil || len(preview.Changes) != 3 || preview.Applied || len(store.imports) != 0 {
		t.Fatalf("dry run: %v, %v (imports %v); want 3 changes planned and nothing written", preview, err, store.imports)
	}

	// Another window imports the same KPI value and update meanwhile.
	err = store.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
		if err := tx.SaveKPIValue(&model.KPIValue{KPIID: kpiID, Date: day, Value: 57.5}); err != nil {
			return err
		}
		return tx.SaveUpdate(&model.Update{MeasureID: m12, Date: day, Text: model.Text{BG: text}, Author: 1})
	})
	if err != nil {
		t.Fatal(err)
	}

	got, err := Import(ctx, store, bytes.NewReader(file), "update.xlsx", 1, demoAsOf.Time(), false)
	if err != nil || !got.Applied || len(got.Changes) != 1 || got.Changes[0].Entity != model.EntityMilestone {
		t.Fatalf("apply: %v, %v; want only the milestone written", got, err)
	}
	values, updates := 0, 0
	for _, v := range store.doc.MeasureByCode("1.1").KPIs[0].Values {
		if v.Date == day {
			values++
		}
	}
	for _, u := range store.doc.Measure(m12).Updates {
		if u.Date == day && u.Text.BG == text {
			updates++
		}
	}
	if values != 1 || updates != 1 {
		t.Errorf("after the apply: %d values and %d updates on %s, want one of each", values, updates, day)
	}
	if ms, _ := store.doc.MilestoneByID(msID); ms.Completed != model.MustDate("2026-11-20") {
		t.Errorf("milestone %d completed %v, want 2026-11-20", msID, ms.Completed)
	}

	// Applied again: nothing left, and no transaction at all.
	again, err := Import(ctx, store, bytes.NewReader(file), "update.xlsx", 1, demoAsOf.Time(), false)
	if err != nil || again.Applied || len(again.Changes) != 0 || len(store.imports) != 1 {
		t.Errorf("second apply: %v, %v (imports %v); want nothing", again, err, store.imports)
	}
}

// A value someone else recorded differently meanwhile refuses the whole
// import at apply time, naming the row; nothing is written.
func TestImportRefusesAtApplyWhatChangedSinceThePreview(t *testing.T) {
	ctx := context.Background()
	d := demoDoc(t)
	m := d.MeasureByCode("1.1")
	kpiID, msID := m.KPIs[0].ID, m.Milestones[4].ID
	file := edit(t, templateBytes(t, d, "", model.BG), func(f *excelize.File) {
		set(t, f, "Етапи", msID, "completed", "20.11.2026")
		set(t, f, "Показатели", kpiID, "date", "15.11.2026")
		set(t, f, "Показатели", kpiID, "value", 60)
	})
	store := &fakeStore{doc: d}
	if _, err := Import(ctx, store, bytes.NewReader(file), "update.xlsx", 1, demoAsOf.Time(), true); err != nil {
		t.Fatal(err)
	}
	err := store.Update(ctx, 1, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.SaveKPIValue(&model.KPIValue{KPIID: kpiID, Date: model.MustDate("2026-11-15"), Value: 59})
	})
	if err != nil {
		t.Fatal(err)
	}
	before := store.doc
	_, err = Import(ctx, store, bytes.NewReader(file), "update.xlsx", 1, demoAsOf.Time(), false)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Sheet != "Показатели" {
		t.Fatalf("apply: %v; want one problem on Индикатори", err)
	}
	if store.doc != before || len(store.imports) != 0 {
		t.Error("a refused import wrote to the store")
	}
}
