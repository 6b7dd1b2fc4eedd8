package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// The adopted plan and its revisions, as storage/plan.go.

var _ model.PlanTx = (*tx)(nil)

func readPlan(ctx context.Context, q querier, d *model.Doc, adoptionSQL, revisionsSQL string) error {
	var a model.Adoption
	err := q.QueryRow(ctx, adoptionSQL).Scan(dateCol{&a.AdoptedOn}, &a.CouncilDecision.BG, &a.CouncilDecision.EN, &a.By, &a.At)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return wrapSQL(err, "read the adoption")
	default:
		d.Adoption = &a
	}
	d.Revisions = nil
	return each(ctx, q, revisionsSQL, func(r pgx.Rows) error {
		var v model.Revision
		var entity string
		err := r.Scan(&v.ID, &entity, &v.EntityID, &v.MeasureID, &v.Field, &v.Original, &v.Previous, &v.Current, &v.At, &v.By, &v.Reason.BG, &v.Reason.EN)
		v.Entity = model.Entity(entity)
		d.Revisions = append(d.Revisions, v)
		return err
	})
}

const adoptionInsert = `INSERT INTO adoption (id, adopted_on, council_decision_bg, council_decision_en, adopted_by, at) VALUES (1, $1, $2, $3, $4, $5)`

func adoptionArgs(a *model.Adoption) []any {
	return []any{a.AdoptedOn.String(), a.CouncilDecision.BG, a.CouncilDecision.EN, a.By, a.At}
}

const revisionCols = "entity, entity_id, measure_id, field, original, previous, current, at, revised_by, reason_bg, reason_en"

func revisionArgs(r *model.Revision) []any {
	return []any{string(r.Entity), r.EntityID, r.MeasureID, r.Field, r.Original, r.Previous, r.Current, r.At, r.By, r.Reason.BG, r.Reason.EN}
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
	if _, err := t.sql.Exec(t.ctx, adoptionInsert, adoptionArgs(a)...); err != nil {
		return wrapSQL(err, "adopt the plan")
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
func (t *tx) reviseChanges(spec rowSpec, id model.ID, changes []model.FieldChange) error {
	if t.doc.Adoption == nil {
		return nil
	}
	for _, c := range changes {
		if !model.IsRevisable(spec.entity, c.Field) {
			continue
		}
		what := fmt.Sprintf("%s %d", spec.entity, id)
		if spec.measure != nil {
			what = fmt.Sprintf("%s %d of measure %s", spec.entity, id, spec.measure.Code)
			if spec.entity == model.EntityMeasure {
				what = "measure " + spec.measure.Code
			}
		}
		if t.reason.IsEmpty() {
			return model.Errorf(model.EINVALID, "%s: %s is part of the plan adopted on %s: %s (it is kept as a revision)",
				what, c.Field, t.doc.Adoption.AdoptedOn.Format(model.BG), model.ReasonNeeded)
		}
		var measureID model.ID
		if spec.measure != nil {
			measureID = spec.measure.ID
		}
		prev := model.RevisionValue(c.Old)
		orig, ok := t.doc.OriginalValue(spec.entity, id, c.Field)
		if !ok {
			orig = prev
		}
		r := model.Revision{Entity: spec.entity, EntityID: id, MeasureID: measureID, Field: c.Field, Original: orig,
			Previous: prev, Current: model.RevisionValue(c.New), At: t.at, By: t.user, Reason: t.reason}
		if err := r.Validate(); err != nil {
			return err
		}
		n, err := insertRow0(t.ctx, t.sql, "revisions", revisionCols, revisionArgs(&r))
		if err != nil {
			return wrapSQL(err, "record revision of %s %d %s", r.Entity, r.EntityID, r.Field)
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
