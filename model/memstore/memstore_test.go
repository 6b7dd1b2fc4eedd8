package memstore_test

import (
	"context"
	"testing"
	"time"

	"strategytracker/model"
	"strategytracker/model/memstore"
	"strategytracker/model/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T, d *model.Doc) model.Store {
		d.Tidy()
		if err := d.Validate(model.DateOf(time.Now())); err != nil {
			t.Fatal(err)
		}
		s := memstore.New(d, memstore.Options{})
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestSaveRowAndFindRow(t *testing.T) {
	d := model.Generate(10, 3)
	s := memstore.New(d, memstore.Options{})
	doc, _ := s.Doc(context.Background())
	office := doc.People[0].ID
	ms := doc.Measures[0].Milestones[0]
	var rows []model.Row = []model.Row{&ms, &doc.Strategy}
	ms.Note = "through SaveRow"
	doc.Strategy.Title.EN = "Renamed"
	err := s.Update(context.Background(), office, model.ActionUpdate, "", func(tx model.Tx) error {
		for _, r := range rows {
			if err := model.SaveRow(tx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := s.Doc(context.Background())
	row, m := after.FindRow(model.EntityMilestone, ms.ID)
	if row == nil || m == nil || row.(*model.Milestone).Note != "through SaveRow" || row.RowVersion() != 2 || m.ID != ms.MeasureID {
		t.Errorf("FindRow after SaveRow: %+v in %v", row, m)
	}
	if after.Strategy.Title.EN != "Renamed" {
		t.Errorf("strategy title %q", after.Strategy.Title.EN)
	}
	if row, _ := after.FindRow(model.EntityKPI, 1<<40); row != nil {
		t.Errorf("FindRow of a missing KPI: %v", row)
	}
}
