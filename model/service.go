package model

import "context"

// Store is one open strategy file as the application, the CLI and the
// reports see it. storage implements it; nothing outside main knows how.
type Store interface {
	// Path is the file's path.
	Path() string
	// ReadOnly reports whether the file was opened read-only.
	ReadOnly() bool
	// DatabaseID is a random identifier made when the file was created;
	// update templates carry it so that they are applied only to their file.
	DatabaseID() string

	// Doc reads the whole strategy, with every row's version.
	Doc(ctx context.Context) (*Doc, error)

	// Update runs fn in one transaction as actor (a person id): every write
	// of fn is checked (validation, version, role) and audited, and either
	// all of them are kept or none. With ActionImport, source (the file's
	// name) is recorded in an audit entry of its own before the changes.
	Update(ctx context.Context, actor ID, action Action, source string, fn func(Tx) error) error

	// CreateSnapshot freezes the figures at asOf under name.
	CreateSnapshot(ctx context.Context, actor ID, name string, asOf Date) (*Snapshot, error)

	// ReadAll reads the strategy and its whole audit log in one
	// transaction: what copy and backup move to another store.
	ReadAll(ctx context.Context) (*Doc, []AuditEntry, error)

	// Audit returns the audit entries that match f, oldest first (newest
	// first when f.Limit is set).
	Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)

	// Check verifies SQLite integrity, foreign keys and the audit chain; the
	// error names the first problem.
	Check(ctx context.Context) (CheckReport, error)

	// SummaryDoc reads what the figures of DESIGN.md §2 need, at least:
	// quicker than Doc on a large file (summary -json); the other lists
	// may be empty.
	SummaryDoc(ctx context.Context) (*Doc, error)

	// LoginPerson is the person the store's connection acts as: a server
	// login's person, 0 for a file, memory or the server's administrator.
	LoginPerson() ID

	// Watch reports other clients' saved changes: the channel receives a
	// value soon after another connection commits a change, and is closed
	// when ctx ends. A store that cannot tell (a file) closes it at once.
	Watch(ctx context.Context) <-chan struct{}

	// Backup writes a consistent copy of the file to path (which must not exist).
	Backup(ctx context.Context, path string) error

	Close() error
}

// Tx is the set of writes available inside Store.Update: rows, the
// adopted plan (PlanTx) and the reporting cycle (PeriodTx). Save* creates the
// row when its ID is 0 (setting ID and Version) and otherwise updates it,
// refusing with ECONFLICT when its Version is not the stored one. Child
// lists (a measure's milestones, a KPI's values) are not written by the
// parent's Save.
type Tx interface {
	// Doc is the strategy as it stands inside the transaction.
	Doc() *Doc
	SaveStrategy(s *Strategy) error
	SaveGoal(g *Goal) error
	SaveArea(a *Area) error
	SaveUnit(u *Unit) error
	SavePerson(p *Person) error
	SaveMeasure(m *Measure) error
	SaveMilestone(ms *Milestone) error
	SaveKPI(k *KPI) error
	SaveKPIValue(v *KPIValue) error
	SaveUpdate(u *Update) error
	// Delete removes a row (and its children) when version is current.
	Delete(entity Entity, id ID, version int64) error
	PlanTx
	PeriodTx
}

// CheckReport says what Check verified.
type CheckReport struct {
	AuditEntries int
	Integrity    string // "ok" or SQLite's first complaint
}
