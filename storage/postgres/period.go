package postgres

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// Reporting periods, as storage/period.go: a period is one row; its
// returns and narrative are JSON columns, written and audited with it.

const periodCols = "name_bg, name_en, start_date, end_date, due, state, opened_at, opened_by, closed_at, closed_by, reopened, returns, narrative"

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
func readPeriods(ctx context.Context, q querier, d *model.Doc, query string) error {
	return each(ctx, q, query, func(r pgx.Rows) error {
		var p model.Period
		var state string
		var openedBy, closedBy sql.NullInt64
		var reopened, returns, narrative string
		if err := r.Scan(&p.ID, &p.Name.BG, &p.Name.EN, dateCol{&p.Start}, dateCol{&p.End}, dateCol{&p.Due}, &state,
			&p.OpenedAt, &openedBy, &p.ClosedAt, &closedBy, &reopened, &returns, &narrative, &p.Version); err != nil {
			return err
		}
		p.State = model.PeriodState(state)
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
