package storage

import (
	"context"
	"database/sql"

	"strategytracker/model"
)

// The adopted plan and its revisions (migration 0004): readDoc calls
// readPlan, load calls loadPlan, the writer (tx.go) the inserts.

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
