package storage

import (
	"context"
	"database/sql"
	"encoding/json"

	"strategytracker/model"
)

// Reporting periods (schema 5). A period is one row; its returns and
// narrative are JSON columns, written and audited with it.

const periodCols = "name_bg, name_en, start, end, due, state, opened_at, opened_by, closed_at, closed_by, reopened, returns, narrative"

func periodArgs(p *model.Period) []any {
	js := func(v any) string {
		b, _ := model.CanonicalJSON(v)
		return string(b)
	}
	return []any{p.Name.BG, p.Name.EN, dateArg(p.Start), dateArg(p.End), dateArg(p.Due), string(p.State),
		p.OpenedAt, refArg(p.OpenedBy), p.ClosedAt, refArg(p.ClosedBy),
		js(nonNilList(p.Reopened)), js(nonNilList(p.Returns)), js(nonNilList(p.Narrative))}
}

func nonNilList[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// readPeriods adds the periods to d.
func readPeriods(ctx context.Context, q queryer, d *model.Doc) error {
	return each(ctx, q, `SELECT id, `+periodCols+`, version FROM periods`, func(r *sql.Rows) error {
		var p model.Period
		var openedBy, closedBy sql.NullInt64
		var reopened, returns, narrative string
		if err := r.Scan(&p.ID, &p.Name.BG, &p.Name.EN, dateCol{&p.Start}, dateCol{&p.End}, dateCol{&p.Due}, &p.State,
			&p.OpenedAt, &openedBy, &p.ClosedAt, &closedBy, &reopened, &returns, &narrative, &p.Version); err != nil {
			return err
		}
		p.OpenedBy, p.ClosedBy = model.Ref(openedBy.Int64), model.Ref(closedBy.Int64)
		for _, col := range []struct {
			text string
			into any
		}{{reopened, &p.Reopened}, {returns, &p.Returns}, {narrative, &p.Narrative}} {
			if err := json.Unmarshal([]byte(col.text), col.into); err != nil {
				return model.Errorf(model.EINVALID, "period %d: a stored list cannot be read: %v", p.ID, err)
			}
		}
		for i := range p.Returns {
			p.Returns[i].PeriodID = p.ID
		}
		for i := range p.Narrative {
			p.Narrative[i].PeriodID = p.ID
		}
		d.Periods = append(d.Periods, p)
		return nil
	})
}

// loadPeriods writes d's periods, ids kept, while a document is loaded.
func loadPeriods(ctx context.Context, x execer, d *model.Doc) error {
	for i := range d.Periods {
		p := &d.Periods[i]
		if _, err := insertRow(ctx, x, "periods", periodCols, p.ID, periodArgs(p)); err != nil {
			return wrapSQL(err, "load period %q", p.Name.In(model.BG))
		}
	}
	return nil
}
