package storage

import (
	"context"
	"database/sql"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// dialect is SQLite's side of the row layer (internal/sqlrow).
var dialect = sqlrow.Dialect{Param: func(int) string { return "?" }, Instr: "instr"}

// execer is what writing needs.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// run runs the statements in order; what names them in an error.
func run(ctx context.Context, x execer, what string, stmts ...sqlrow.Stmt) (sql.Result, error) {
	var res sql.Result
	for _, s := range stmts {
		var err error
		if res, err = x.ExecContext(ctx, s.SQL, s.Args...); err != nil {
			if s.What != "" {
				what = s.What
			}
			return nil, wrapSQL(err, "%s", what)
		}
	}
	return res, nil
}

// insert runs an insert and returns the id of the new row.
func insert(ctx context.Context, x execer, what string, s sqlrow.Stmt) (model.ID, error) {
	res, err := run(ctx, x, what, s)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	return id, wrapSQL(err, "%s", what)
}

// affected runs a statement and reports whether it changed one row.
func affected(ctx context.Context, x execer, what string, s sqlrow.Stmt) (bool, error) {
	res, err := run(ctx, x, what, s)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, wrapSQL(err, "%s", what)
}
