package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"strategytracker/model"
)

// checkSnapshots refuses a document whose snapshots' figures do not match
// their SHA-256, as storage does.
func checkSnapshots(d *model.Doc) error {
	names := map[string]bool{}
	for i := range d.Snapshots {
		sn := &d.Snapshots[i]
		var buf bytes.Buffer
		if err := json.Compact(&buf, sn.Figures); err != nil {
			return model.Errorf(model.EINVALID, "snapshot %q: figures are not JSON: %v", sn.Name, err)
		}
		sn.Figures = buf.Bytes()
		if got := model.FiguresSHA256(sn.Figures); got != sn.SHA256 {
			return model.Errorf(model.EINVALID, "snapshot %q: figures do not match their SHA-256", sn.Name)
		}
		if sn.Name == "" || names[sn.Name] {
			return model.Errorf(model.EINVALID, "snapshot %q: name is empty or used twice", sn.Name)
		}
		names[sn.Name] = true
	}
	return nil
}

// batch queues inserts and names each, so that a failure says which row.
type batch struct {
	b    pgx.Batch
	what []string
}

func (b *batch) add(what, query string, args ...any) {
	b.b.Queue(query, args...)
	b.what = append(b.what, what)
}

func (b *batch) insert(what, table, cols string, id model.ID, args []any) {
	n := strings.Count(cols, ",") + 1
	b.add(what, "INSERT INTO "+table+" ("+cols+", version, id) VALUES ("+placeholders(1, n)+fmt.Sprintf(", 1, $%d)", n+1), append(args, id)...)
}

func (b *batch) run(ctx context.Context, tx pgx.Tx) error {
	res := tx.SendBatch(ctx, &b.b)
	for _, what := range b.what {
		if _, err := res.Exec(); err != nil {
			res.Close()
			return loadError(err, what)
		}
	}
	return wrapSQL(res.Close(), "load")
}

func loadError(err error, what string) error {
	err = wrapSQL(err, "load %s", what)
	if model.ErrorCode(err) == model.EFORBIDDEN {
		return model.Errorf(model.EFORBIDDEN, "%s (loading or copying a strategy needs the connection of the administrator who ran `server init`)", model.ErrorMessage(err))
	}
	return err
}

// load writes a whole validated document, every id as given, and its
// audit log verbatim, into the empty schema in one transaction.
func (s *Store) load(ctx context.Context, d *model.Doc, log []model.AuditEntry, databaseID string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return wrapSQL(err, "load")
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "LOCK TABLE meta, audit IN EXCLUSIVE MODE"); err != nil {
		return loadError(err, "the strategy")
	}
	var rows int
	if err := tx.QueryRow(ctx, "SELECT (SELECT count(*) FROM meta) + (SELECT count(*) FROM audit)").Scan(&rows); err != nil {
		return loadError(err, "the strategy")
	}
	if rows > 0 {
		return model.Errorf(model.ECONFLICT, "%s already holds a strategy: refusing to overwrite it", s.display)
	}
	var b batch
	st := &d.Strategy
	b.add("the strategy", "INSERT INTO meta (id, database_id, "+strategyCols+", version) VALUES (1, $1, "+placeholders(2, 12)+", 1)",
		append([]any{databaseID}, strategyArgs(st)...)...)
	for i := range d.Goals {
		b.insert("goal "+d.Goals[i].Code, "goals", goalCols, d.Goals[i].ID, goalArgs(&d.Goals[i]))
	}
	for i := range d.Areas {
		b.insert("area "+d.Areas[i].Code, "areas", areaCols, d.Areas[i].ID, areaArgs(&d.Areas[i]))
	}
	for i := range d.Units {
		b.insert("unit "+d.Units[i].Code, "units", unitCols, d.Units[i].ID, unitArgs(&d.Units[i]))
	}
	for i := range d.People {
		p := &d.People[i]
		b.insert(fmt.Sprintf("person %d", p.ID), "people", personCols, p.ID, personArgs(p))
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		b.insert("measure "+m.Code, "measures", measureCols, m.ID, measureArgs(m))
		for _, g := range m.Goals {
			b.add("measure "+m.Code+" goal "+g, "INSERT INTO measure_goals (measure_id, goal) VALUES ($1, $2)", m.ID, g)
		}
		for _, u := range m.Partners {
			b.add("measure "+m.Code+" partner "+u, "INSERT INTO measure_partners (measure_id, unit) VALUES ($1, $2)", m.ID, u)
		}
		for j, f := range m.Funding {
			b.add("measure "+m.Code+" funding", "INSERT INTO funding (measure_id, pos, name_bg, name_en, amount_cents) VALUES ($1, $2, $3, $4, $5)",
				m.ID, j, f.Name.BG, f.Name.EN, f.AmountCents)
		}
		for j := range m.Milestones {
			ms := &m.Milestones[j]
			ms.MeasureID = m.ID
			b.insert(fmt.Sprintf("milestone %d", ms.ID), "milestones", milestoneCols, ms.ID, milestoneArgs(ms))
		}
		for j := range m.KPIs {
			k := &m.KPIs[j]
			k.MeasureID = m.ID
			b.insert(fmt.Sprintf("KPI %d", k.ID), "kpis", kpiCols, k.ID, kpiArgs(k))
			for n := range k.Values {
				v := &k.Values[n]
				v.KPIID = k.ID
				b.insert(fmt.Sprintf("KPI value %d", v.ID), "kpi_values", kpiValueCols, v.ID, kpiValueArgs(v))
			}
		}
		for j := range m.Updates {
			u := &m.Updates[j]
			u.MeasureID = m.ID
			b.insert(fmt.Sprintf("update %d", u.ID), "updates", updateCols, u.ID, updateArgs(u))
		}
	}
	for i := range d.Snapshots {
		sn := &d.Snapshots[i]
		b.add(fmt.Sprintf("snapshot %q", sn.Name), "INSERT INTO snapshots (id, name, as_of, created_at, created_by, sha256, figures) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			sn.ID, sn.Name, sn.AsOf.String(), sn.CreatedAt, sn.CreatedBy, sn.SHA256, string(sn.Figures))
	}
	if d.Adoption != nil {
		b.add("the adoption", adoptionInsert, adoptionArgs(d.Adoption)...)
	}
	for i := range d.Revisions {
		r := &d.Revisions[i]
		b.add(fmt.Sprintf("revision %d", r.ID), "INSERT INTO revisions (id, "+revisionCols+") VALUES ($1, "+placeholders(2, 11)+")",
			append([]any{r.ID}, revisionArgs(r)...)...)
	}
	for i := range d.Periods {
		p := &d.Periods[i]
		b.insert(fmt.Sprintf("period %q", p.Name.In(model.BG)), "periods", periodCols, p.ID, periodArgs(p))
	}
	for _, e := range log {
		b.add(fmt.Sprintf("audit entry %d", e.Seq), "INSERT INTO audit ("+auditCols+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
			e.Seq, e.At, e.User, string(e.Action), string(e.Entity), e.EntityID, e.Field, e.Old, e.New, e.PrevHash, e.Hash)
	}
	// New rows are numbered after the loaded ones.
	for _, table := range []string{"goals", "areas", "units", "people", "measures", "milestones", "kpis", "kpi_values", "updates", "snapshots", "revisions", "periods"} {
		b.add("the numbering of "+table, fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce(max(id), 0) + 1, false) FROM %s", table, table))
	}
	if err := b.run(ctx, tx); err != nil {
		return err
	}
	return wrapSQL(tx.Commit(ctx), "load")
}

// CreateSnapshot freezes the figures at asOf; see model.Store.
func (s *Store) CreateSnapshot(ctx context.Context, actor model.ID, name string, asOf model.Date) (*model.Snapshot, error) {
	return model.CreateSnapshot(ctx, s, actor, name, asOf)
}
