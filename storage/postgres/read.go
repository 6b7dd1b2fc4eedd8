package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// Doc reads the whole strategy in one read-only transaction that sees one
// consistent state while others write.
func (s *Store) Doc(ctx context.Context) (*model.Doc, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, wrapSQL(err, "read %s", s.display)
	}
	defer tx.Rollback(ctx)
	return readDocBatch(ctx, tx)
}

// SummaryDoc is Doc: the server sends the whole strategy in one round
// trip; see model.Store.
func (s *Store) SummaryDoc(ctx context.Context) (*model.Doc, error) { return s.Doc(ctx) }

// each runs scan for every row of query.
func each(ctx context.Context, q querier, query string, scan func(pgx.Rows) error, args ...any) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return wrapSQL(err, "read")
	}
	return eachRow(rows, scan)
}

// eachRow runs scan for every row of rows, and closes them.
func eachRow(rows pgx.Rows, scan func(pgx.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return wrapSQL(err, "read")
		}
	}
	return wrapSQL(rows.Err(), "read")
}

// readDocBatch reads the whole strategy (sqlrow.Dialect.DocQueries) in
// one round trip to the server.
func readDocBatch(ctx context.Context, tx pgx.Tx) (*model.Doc, error) {
	queries := dialect.DocQueries()
	var batch pgx.Batch
	for _, q := range queries {
		batch.Queue(q.SQL)
	}
	br := tx.SendBatch(ctx, &batch)
	b := sqlrow.NewBuilder()
	for _, q := range queries {
		rows, err := br.Query()
		if err == nil {
			err = eachRow(rows, func(r pgx.Rows) error { return b.Add(q, r) })
		}
		if err != nil {
			br.Close()
			return nil, wrapSQL(err, "read the strategy")
		}
	}
	if err := br.Close(); err != nil {
		return nil, wrapSQL(err, "read the strategy")
	}
	return b.Doc()
}
