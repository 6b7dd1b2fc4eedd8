// Package model is the strategy's domain: its types (the strategy, goals,
// areas, units, people, measures, milestones, indicators, updates,
// reporting periods), the rules of DESIGN.md (validation, progress and
// status at an as-of date, permissions by role, revisions of the adopted
// plan, the reporting cycle), the exchange format, and the interfaces
// through which everything else reads and writes a strategy (Store, Tx).
//
// It imports only the standard library: the stores (storage,
// storage/postgres), the reports and the app all build on it, and every
// rule lives here once. A rule that depends on "today" takes an asOf date;
// the clock belongs to the caller (the CLI's context, the app's session).
package model
