package storage

import (
	"context"
	"database/sql"
	"slices"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// queryer is what reading needs: a *sql.DB, *sql.Conn or *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Doc reads the whole strategy inside one read transaction, so that it
// sees one consistent state while another process writes.
func (s *Store) Doc(ctx context.Context) (*model.Doc, error) {
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, wrapSQL(err, "read %s", s.path)
	}
	defer tx.Rollback()
	return readDoc(ctx, tx)
}

// SummaryDoc reads only what the figures of DESIGN.md §2 need — the
// strategy's header, areas, measures with their funding, and milestones —
// for a summary that
// must be quick on a large file (summary -json). The other lists are empty.
func (s *Store) SummaryDoc(ctx context.Context) (*model.Doc, error) {
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, wrapSQL(err, "read %s", s.path)
	}
	defer tx.Rollback()
	return readParts(ctx, tx, sqlrow.FigureTables)
}

// each runs scan for every row of query.
func each(ctx context.Context, q queryer, query string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return wrapSQL(err, "read")
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return wrapSQL(err, "read")
		}
	}
	return wrapSQL(rows.Err(), "read")
}

func readDoc(ctx context.Context, q queryer) (*model.Doc, error) { return readParts(ctx, q, nil) }

// readParts reads the strategy from the tables named in only (all when
// only is nil): SummaryDoc reads only what the figures need.
func readParts(ctx context.Context, q queryer, only []string) (*model.Doc, error) {
	b := sqlrow.NewBuilder()
	for _, query := range dialect.DocQueries() {
		if only != nil && !slices.Contains(only, query.Table) {
			continue
		}
		if err := each(ctx, q, query.SQL, func(r *sql.Rows) error { return b.Add(query, r) }); err != nil {
			return nil, err
		}
	}
	return b.Doc()
}
