// Package sqlrow is the row layer both SQL drivers (storage, the SQLite
// file, and storage/postgres) share: the tables of a strategy, their
// columns, a row's values for them, the statements that write rows, the
// queries that read a strategy back and how their rows go into a
// model.Doc. A driver keeps only its dialect (placeholders, a few column
// names, locking, its schema) and runs the statements its own way.
package sqlrow

import (
	"crypto/rand"
	"encoding/hex"
	"io/fs"
	"reflect"
	"sort"
	"strings"

	"strategytracker/model"
)

// Dialect is what differs between the engines in the row layer.
type Dialect struct {
	// Param is the n-th placeholder of a statement (from 1): "?" or "$n".
	Param func(n int) string
	// Renamed gives a column's name where the engine's differs from the
	// row layer's (PostgreSQL reserves "end" and "user").
	Renamed map[string]string
	// Instr is the function that finds text in text (position, 0 when absent).
	Instr string
}

// Col is the engine's name of a column.
func (dl Dialect) Col(name string) string {
	if n, ok := dl.Renamed[name]; ok {
		return n
	}
	return name
}

// cols is the engine's column list.
func (dl Dialect) cols(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = dl.Col(n)
	}
	return strings.Join(out, ", ")
}

// params is n placeholders from the from-th.
func (dl Dialect) params(from, n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = dl.Param(from + i)
	}
	return strings.Join(p, ", ")
}

// Stmt is one statement and its arguments; What names it in messages.
type Stmt struct {
	What string
	SQL  string
	Args []any
}

// Insert is the statement that creates row at version 1 with id (0: the
// engine numbers it; the caller reads the new id its own way).
func (dl Dialect) Insert(row model.Row, id model.ID) Stmt {
	t, args := Columns(row)
	return dl.insert(t.Name, t.Cols, id, args)
}

func (dl Dialect) insert(table string, cols []string, id model.ID, args []any) Stmt {
	q := "INSERT INTO " + table + " (" + dl.cols(cols) + ", version"
	vals := dl.params(1, len(cols)) + ", 1"
	if id != 0 {
		q += ", id"
		vals += ", " + dl.Param(len(cols)+1)
		args = append(args, id)
	}
	return Stmt{SQL: q + ") VALUES (" + vals + ")", Args: args}
}

// Update is the statement that writes the columns in which row differs
// from stored, and bumps the version, when it is still stored's. Writing
// only what changed lets the server's column grants allow a coordinator's
// change (of progress, say) without a rewrite of the row.
func (dl Dialect) Update(row, stored model.Row) Stmt {
	t, args := Columns(row)
	_, old := Columns(stored)
	var sets []string
	var vals []any
	for i, name := range t.Cols {
		if reflect.DeepEqual(old[i], args[i]) {
			continue
		}
		vals = append(vals, args[i])
		sets = append(sets, dl.Col(name)+" = "+dl.Param(len(vals)))
	}
	sets = append(sets, "version = version + 1")
	vals = append(vals, row.RowID(), stored.RowVersion())
	return Stmt{SQL: "UPDATE " + t.Name + " SET " + strings.Join(sets, ", ") +
		" WHERE id = " + dl.Param(len(vals)-1) + " AND version = " + dl.Param(len(vals)), Args: vals}
}

// Delete is the statement that removes row (its children go with it, ON
// DELETE CASCADE) when its version is still row's.
func (dl Dialect) Delete(row model.Row) Stmt {
	t, _ := Columns(row)
	return Stmt{SQL: "DELETE FROM " + t.Name + " WHERE id = " + dl.Param(1) + " AND version = " + dl.Param(2), Args: []any{row.RowID(), row.RowVersion()}}
}

// PeriodLists is the statement that writes p's returns and narrative
// again (after a code they name changed), without a version.
func (dl Dialect) PeriodLists(p *model.Period) Stmt {
	args := periodArgs(p)
	return Stmt{SQL: "UPDATE periods SET returns = " + dl.Param(1) + ", narrative = " + dl.Param(2) + " WHERE id = " + dl.Param(3),
		Args: []any{args[11], args[12], p.ID}}
}

// MeasureLists are the statements that replace the goals, partners and
// funding of measure id with m's.
func (dl Dialect) MeasureLists(id model.ID, m *model.Measure) []Stmt {
	var out []Stmt
	for _, table := range []string{"measure_goals", "measure_partners", "funding"} {
		out = append(out, Stmt{What: "measure " + m.Code, SQL: "DELETE FROM " + table + " WHERE measure_id = " + dl.Param(1), Args: []any{id}})
	}
	return append(out, dl.measureListInserts(id, m)...)
}

func (dl Dialect) measureListInserts(id model.ID, m *model.Measure) []Stmt {
	var out []Stmt
	for _, g := range m.Goals {
		out = append(out, Stmt{What: "measure " + m.Code + " goal " + g, SQL: "INSERT INTO measure_goals (measure_id, goal) VALUES (" + dl.params(1, 2) + ")", Args: []any{id, g}})
	}
	for _, u := range m.Partners {
		out = append(out, Stmt{What: "measure " + m.Code + " partner " + u, SQL: "INSERT INTO measure_partners (measure_id, unit) VALUES (" + dl.params(1, 2) + ")", Args: []any{id, u}})
	}
	for i, f := range m.Funding {
		out = append(out, Stmt{What: "measure " + m.Code + " funding", SQL: "INSERT INTO funding (measure_id, pos, name_bg, name_en, amount_cents) VALUES (" + dl.params(1, 5) + ")",
			Args: []any{id, i, f.Name.BG, f.Name.EN, f.AmountCents}})
	}
	return out
}

// ListsChanged reports whether a measure's goals, partners or funding
// (rows of their own tables) are among changes.
func ListsChanged(changes []model.FieldChange) bool {
	for _, c := range changes {
		if c.Field == "goals" || c.Field == "partners" || c.Field == "funding" {
			return true
		}
	}
	return false
}

// Revision is the statement that records r (with its id when it has one).
func (dl Dialect) Revision(r *model.Revision) Stmt {
	return dl.insertPlain("revisions", revisionCols, r.ID, revisionArgs(r))
}

// DeleteRevision is the statement that removes revision id (taken back).
func (dl Dialect) DeleteRevision(id model.ID) Stmt {
	return Stmt{What: "the revision", SQL: "DELETE FROM revisions WHERE id = " + dl.Param(1), Args: []any{id}}
}

// Adoption is the statement that records the adoption of the plan.
func (dl Dialect) Adoption(a *model.Adoption) Stmt {
	return Stmt{What: "the adoption", SQL: "INSERT INTO adoption (id, " + dl.cols(adoptionCols) + ") VALUES (1, " + dl.params(1, len(adoptionCols)) + ")",
		Args: []any{a.AdoptedOn.String(), a.CouncilDecision.BG, a.CouncilDecision.EN, a.By, a.At}}
}

// Snapshot is the statement that records sn (with its id when it has one).
func (dl Dialect) Snapshot(sn *model.Snapshot) Stmt {
	return dl.insertPlain("snapshots", snapshotCols, sn.ID, []any{sn.Name, sn.AsOf.String(), sn.CreatedAt, sn.CreatedBy, sn.SHA256, string(sn.Figures)})
}

// AuditEntry is the statement that stores e as it is (seq and hashes included).
func (dl Dialect) AuditEntry(e model.AuditEntry) Stmt {
	return Stmt{SQL: "INSERT INTO audit (" + dl.cols(auditCols) + ") VALUES (" + dl.params(1, len(auditCols)) + ")",
		Args: []any{e.Seq, e.At, e.User, string(e.Action), string(e.Entity), e.EntityID, e.Field, e.Old, e.New, e.PrevHash, e.Hash}}
}

// insertPlain inserts into a table without versions.
func (dl Dialect) insertPlain(table string, cols []string, id model.ID, args []any) Stmt {
	if id != 0 {
		cols = append([]string{"id"}, cols...)
		args = append([]any{id}, args...)
	}
	return Stmt{SQL: "INSERT INTO " + table + " (" + dl.cols(cols) + ") VALUES (" + dl.params(1, len(cols)) + ")", Args: args}
}

// NewDatabaseID is a new strategy's random identifier (Store.DatabaseID).
func NewDatabaseID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Steps are the schema's migration scripts matching pattern in fsys, in
// the order of their names: step i brings the schema version to i+1.
func Steps(fsys fs.FS, pattern string) []string {
	names, _ := fs.Glob(fsys, pattern)
	sort.Strings(names)
	steps := make([]string, len(names))
	for i, n := range names {
		b, _ := fs.ReadFile(fsys, n)
		steps[i] = string(b)
	}
	return steps
}
