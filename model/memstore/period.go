package memstore

import (
	"slices"

	"strategytracker/model"
)

// The reporting cycle in memory: model.PeriodTx with the rules of
// storage/period.go (version check, a closed period's narrative locked,
// model.AuthorizePeriod, the rules over all periods), audited field by field.

var _ model.PeriodTx = (*tx)(nil)

func (t *tx) SavePeriod(p *model.Period) error {
	old, i, err := model.CheckPeriodSave(t.doc, t.actor, p)
	if err != nil {
		return err
	}
	next := slices.Clone(t.doc.Periods)
	if i < 0 {
		next = append(next, *p)
	}
	if p.ID == 0 {
		p.ID, p.Version = t.newID(), 1
		next[len(next)-1] = clonePeriodRow(p)
		t.doc.Periods = next
		t.log(model.ActionCreate, model.EntityPeriod, p.ID, "", "", model.RowJSON(p))
		return nil
	}
	changes := model.Diff(old, p)
	if len(changes) == 0 {
		return nil
	}
	p.Version = old.Version + 1
	next[i] = clonePeriodRow(p)
	t.doc.Periods = next // a new slice: the stored document is untouched until commit
	for _, c := range changes {
		t.log(model.ActionUpdate, model.EntityPeriod, p.ID, c.Field, c.Old, c.New)
	}
	return nil
}

func clonePeriodRow(p *model.Period) model.Period {
	c := *p
	c.Reopened = slices.Clone(p.Reopened)
	c.Returns = slices.Clone(p.Returns)
	c.Narrative = slices.Clone(p.Narrative)
	return c
}

// FreezeSnapshot makes a snapshot inside the transaction; see model.PeriodTx.
func (t *tx) FreezeSnapshot(name string, asOf model.Date) (*model.Snapshot, error) {
	sn, record, err := t.doc.NewSnapshot(t.actor, name, asOf, t.at)
	if err != nil {
		return nil, err
	}
	sn.ID = t.newID()
	t.doc.Snapshots = append(slices.Clone(t.doc.Snapshots), *sn)
	t.log(model.ActionSnapshot, model.EntitySnapshot, sn.ID, "", "", record)
	return sn, nil
}
