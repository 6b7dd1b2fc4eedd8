package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// The adopted plan and its revisions, as storage/plan.go.

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
