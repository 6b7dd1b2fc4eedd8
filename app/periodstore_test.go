package app

import (
	"slices"

	"strategytracker/model"
)

// The reporting cycle on memStore: model.PeriodTx with the rules of
// storage/period.go (version check, a closed period's narrative locked,
// model.AuthorizePeriod, the rules over all periods), audited field by field.

var _ model.PeriodTx = (*memTx)(nil)

func (t *memTx) SavePeriod(p *model.Period) error {
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

func (t *memTx) FreezeSnapshot(name string, asOf model.Date) (*model.Snapshot, error) {
	if err := model.Authorize(t.actor, model.EntitySnapshot, model.OpCreate, nil, nil); err != nil {
		return nil, err
	}
	content, sum, err := model.EncodeFigures(model.ComputeSnapshotFigures(t.doc, asOf))
	if err != nil {
		return nil, err
	}
	sn := model.Snapshot{ID: t.newID(), Name: name, AsOf: asOf, CreatedAt: "2026-11-30T10:00:00Z",
		CreatedBy: model.UserLabel(t.actor), SHA256: sum, Figures: content}
	t.doc.Snapshots = append(slices.Clone(t.doc.Snapshots), sn)
	t.log(model.ActionSnapshot, model.EntitySnapshot, sn.ID, "", "", name)
	return &sn, nil
}
