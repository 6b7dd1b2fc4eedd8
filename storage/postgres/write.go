package postgres

import (
	"context"
	"strconv"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// dialect is PostgreSQL's side of the row layer (internal/sqlrow): "end"
// and "user" are reserved words, so those columns have other names.
var dialect = sqlrow.Dialect{
	Param:   func(n int) string { return "$" + strconv.Itoa(n) },
	Renamed: map[string]string{"start": "start_date", "end": "end_date", "user": "actor"},
	Instr:   "strpos",
}

// run runs the statements in order; what names them in an error.
func run(ctx context.Context, q querier, what string, stmts ...sqlrow.Stmt) error {
	for _, s := range stmts {
		if _, err := q.Exec(ctx, s.SQL, s.Args...); err != nil {
			if s.What != "" {
				what = s.What
			}
			return wrapSQL(err, "%s", what)
		}
	}
	return nil
}

// insert runs an insert and returns the id of the new row.
func insert(ctx context.Context, q querier, what string, s sqlrow.Stmt) (model.ID, error) {
	var id model.ID
	err := q.QueryRow(ctx, s.SQL+" RETURNING id", s.Args...).Scan(&id)
	return id, wrapSQL(err, "%s", what)
}

// affected runs a statement and reports whether it changed one row.
func affected(ctx context.Context, q querier, what string, s sqlrow.Stmt) (bool, error) {
	tag, err := q.Exec(ctx, s.SQL, s.Args...)
	if err != nil {
		return false, wrapSQL(err, "%s", what)
	}
	return tag.RowsAffected() == 1, nil
}
