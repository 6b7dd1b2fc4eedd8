package storage

import (
	"context"
	"database/sql"
	"fmt"

	"strategytracker/model"
)

// The adopted plan and its revisions (migration 0004). Kept apart from
// tx.go: tx.go calls reviseChanges from write, readDoc calls readPlan and
// load calls loadPlan.

var _ model.PlanTx = (*tx)(nil)

func readPlan(ctx context.Context, q queryer, d *model.Doc) error {
	var a model.Adoption
	err := q.QueryRowContext(ctx, `SELECT adopted_on, council_decision_bg, council_decision_en, adopted_by, at FROM adoption WHERE id = 1`).
		Scan(dateCol{&a.AdoptedOn}, &a.CouncilDecision.BG, &a.CouncilDecision.EN, &a.By, &a.At)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return wrapSQL(err, "read the adoption")
	default:
		d.Adoption = &a
	}
	return each(ctx, q, `SELECT id, entity, entity_id, measure_id, field, original, previous, current, at, revised_by, reason_bg, reason_en FROM revisions ORDER BY id`, func(r *sql.Rows) error {
		var v model.Revision
		err := r.Scan(&v.ID, &v.Entity, &v.EntityID, &v.MeasureID, &v.Field, &v.Original, &v.Previous, &v.Current, &v.At, &v.By, &v.Reason.BG, &v.Reason.EN)
		d.Revisions = append(d.Revisions, v)
		return err
	})
}

func insertAdoption(ctx context.Context, x execer, a *model.Adoption) error {
	_, err := x.ExecContext(ctx, `INSERT INTO adoption (id, adopted_on, council_decision_bg, council_decision_en, adopted_by, at) VALUES (1, ?, ?, ?, ?, ?)`,
		a.AdoptedOn.String(), a.CouncilDecision.BG, a.CouncilDecision.EN, a.By, a.At)
	return wrapSQL(err, "adopt the plan")
}

func insertRevision(ctx context.Context, x execer, r *model.Revision) (model.ID, error) {
	var id any
	if r.ID != 0 {
		id = r.ID
	}
	res, err := x.ExecContext(ctx, `INSERT INTO revisions (id, entity, entity_id, measure_id, field, original, previous, current, at, revised_by, reason_bg, reason_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, string(r.Entity), r.EntityID, r.MeasureID, r.Field, r.Original, r.Previous, r.Current, r.At, r.By, r.Reason.BG, r.Reason.EN)
	if err != nil {
		return 0, wrapSQL(err, "record revision of %s %d %s", r.Entity, r.EntityID, r.Field)
	}
	n, _ := res.LastInsertId()
	return n, nil
}

// loadPlan writes a loaded document's adoption and revisions, ids preserved.
func loadPlan(ctx context.Context, x execer, d *model.Doc) error {
	if d.Adoption != nil {
		if err := insertAdoption(ctx, x, d.Adoption); err != nil {
			return err
		}
	}
	for i := range d.Revisions {
		if _, err := insertRevision(ctx, x, &d.Revisions[i]); err != nil {
			return err
		}
	}
	return nil
}

// Adopt marks the plan adopted; see model.PlanTx.
func (t *tx) Adopt(a *model.Adoption) error {
	if err := model.Authorize(t.actor, model.EntityAdoption, model.OpCreate, nil, nil); err != nil {
		return err
	}
	if t.doc.Adoption != nil {
		return model.Errorf(model.ECONFLICT, "the plan was already adopted on %s by %s", t.doc.Adoption.AdoptedOn.Format(model.BG), t.doc.Adoption.By)
	}
	a.By, a.At = t.user, t.at
	if err := a.Validate(); err != nil {
		return err
	}
	if err := insertAdoption(t.ctx, t.sql, a); err != nil {
		return err
	}
	stored := *a
	t.doc.Adoption = &stored
	record, _ := model.CanonicalJSON(a)
	return t.audit(model.ActionCreate, model.EntityAdoption, 1, "", "", string(record))
}

// SetRevisionReason gives the reason for the changes of adopted values
// that follow; see model.PlanTx.
func (t *tx) SetRevisionReason(reason model.Text) { t.reason = reason }

// reviseChanges records a revision for every change of an adopted value
// among changes, refusing them when no reason was given.
func (t *tx) reviseChanges(entity model.Entity, m *model.Measure, id model.ID, changes []model.FieldChange) error {
	if t.doc.Adoption == nil {
		return nil
	}
	for _, c := range changes {
		if !model.IsRevisable(entity, c.Field) {
			continue
		}
		what := fmt.Sprintf("%s %d", entity, id)
		if m != nil {
			what = fmt.Sprintf("%s %d of measure %s", entity, id, m.Code)
			if entity == model.EntityMeasure {
				what = "measure " + m.Code
			}
		}
		if t.reason.IsEmpty() {
			return model.Errorf(model.EINVALID, "%s: %s is part of the plan adopted on %s: %s (it is kept as a revision)",
				what, c.Field, t.doc.Adoption.AdoptedOn.Format(model.BG), model.ReasonNeeded)
		}
		var measureID model.ID
		if m != nil {
			measureID = m.ID
		}
		prev := model.RevisionValue(c.Old)
		orig, ok := t.doc.OriginalValue(entity, id, c.Field)
		if !ok {
			orig = prev
		}
		r := model.Revision{Entity: entity, EntityID: id, MeasureID: measureID, Field: c.Field, Original: orig,
			Previous: prev, Current: model.RevisionValue(c.New), At: t.at, By: t.user, Reason: t.reason}
		if err := r.Validate(); err != nil {
			return err
		}
		n, err := insertRevision(t.ctx, t.sql, &r)
		if err != nil {
			return err
		}
		r.ID = n
		t.doc.Revisions = append(t.doc.Revisions, r)
		record, _ := model.CanonicalJSON(r)
		if err := t.audit(model.ActionCreate, model.EntityRevision, n, "", "", string(record)); err != nil {
			return err
		}
	}
	return nil
}
