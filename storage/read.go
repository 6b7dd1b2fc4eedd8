package storage

import (
	"context"
	"database/sql"

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

// ReadAll reads the strategy and its whole audit log in one read
// transaction: what copy moves to another store; see model.Store.
func (s *Store) ReadAll(ctx context.Context) (*model.Doc, []model.AuditEntry, error) {
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, wrapSQL(err, "read %s", s.path)
	}
	defer tx.Rollback()
	d, err := readDoc(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	q, _ := dialect.AuditQuery(model.AuditFilter{})
	log, err := readLog(ctx, tx, q)
	return d, log, err
}

// LoginPerson is 0: a file has no logins; see model.Store.
func (s *Store) LoginPerson() model.ID { return 0 }

// Watch reports nothing: a file does not tell this process of another's
// changes; see model.Store.
func (s *Store) Watch(context.Context) <-chan struct{} { return model.NoChanges() }

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

// readDoc reads the whole strategy (SummaryDoc, summarydoc.go, reads
// what the figures need).
func readDoc(ctx context.Context, q queryer) (*model.Doc, error) {
	b := sqlrow.NewBuilder()
	for _, query := range dialect.DocQueries() {
		if err := each(ctx, q, query.SQL, func(r *sql.Rows) error { return b.Add(query, r) }); err != nil {
			return nil, err
		}
	}
	return b.Doc()
}
