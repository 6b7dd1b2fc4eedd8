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
	if err := p.Validate(); err != nil {
		return err
	}
	i := slices.IndexFunc(t.doc.Periods, func(x model.Period) bool { return x.ID == p.ID })
	var old *model.Period
	if p.ID != 0 {
		if i < 0 {
			return model.Errorf(model.ENOTFOUND, "period %d does not exist", p.ID)
		}
		old = &t.doc.Periods[i]
		if old.Version != p.Version {
			return model.Errorf(model.ECONFLICT, "period %d was changed by someone else since you read it (version %d, yours %d)", p.ID, old.Version, p.Version)
		}
		if old.State == model.PeriodClosed && p.State == model.PeriodClosed && !sameNarrativeOf(old, p) {
			return model.Errorf(model.EINVALID, "period %q is closed: its narrative is locked; reopen it to change it", old.Name.In(model.BG))
		}
	}
	if err := model.AuthorizePeriod(t.doc, t.actor, old, p); err != nil {
		return err
	}
	next := slices.Clone(t.doc.Periods)
	if i >= 0 {
		next[i] = *p
	} else {
		next = append(next, *p)
	}
	check := model.Doc{Units: t.doc.Units, Areas: t.doc.Areas, Periods: next}
	if err := check.ValidatePeriods(); err != nil {
		return err
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

func sameNarrativeOf(a, b *model.Period) bool {
	x, _ := model.CanonicalJSON(a.Narrative)
	y, _ := model.CanonicalJSON(b.Narrative)
	return string(x) == string(y)
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
