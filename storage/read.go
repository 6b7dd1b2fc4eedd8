package storage

import (
	"context"
	"database/sql"

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

// dateCol scans a nullable YYYY-MM-DD column.
type dateCol struct{ d *model.Date }

func (c dateCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.d = 0
		return nil
	case string:
		d, err := model.ParseDate(x)
		*c.d = d
		return err
	case []byte:
		d, err := model.ParseDate(string(x))
		*c.d = d
		return err
	}
	return model.Errorf(model.EINTERNAL, "unexpected date value %v", v)
}

// dateArg is the column value of a date: NULL for none.
func dateArg(d model.Date) any {
	if d == 0 {
		return nil
	}
	return d.String()
}

func refArg(r model.Ref) any {
	if r == 0 {
		return nil
	}
	return int64(r)
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

// readFunding gives every measure its sources of funding, in order.
func readFunding(ctx context.Context, q queryer, measure func(model.ID) *model.Measure) error {
	return each(ctx, q, `SELECT measure_id, name_bg, name_en, amount_cents FROM funding ORDER BY measure_id, pos`, func(r *sql.Rows) error {
		var id model.ID
		var f model.Funding
		if err := r.Scan(&id, &f.Name.BG, &f.Name.EN, &f.AmountCents); err != nil {
			return err
		}
		if m := measure(id); m != nil {
			m.Funding = append(m.Funding, f)
		}
		return nil
	})
}

// readDoc reads the whole strategy (SummaryDoc reads a part of it).
func readDoc(ctx context.Context, q queryer) (*model.Doc, error) {
	d := &model.Doc{Format: model.Format}
	st := &d.Strategy
	err := q.QueryRowContext(ctx, `SELECT title_bg, title_en, short_title_bg, short_title_en, vision_bg, vision_en,
		period_start, period_end, adopted_on, council_decision_bg, council_decision_en, demo, version FROM meta WHERE id = 1`).
		Scan(&st.Title.BG, &st.Title.EN, &st.ShortTitle.BG, &st.ShortTitle.EN, &st.Vision.BG, &st.Vision.EN,
			dateCol{&st.PeriodStart}, dateCol{&st.PeriodEnd}, dateCol{&st.AdoptedOn},
			&st.CouncilDecision.BG, &st.CouncilDecision.EN, &st.Demo, &st.Version)
	if err != nil {
		return nil, wrapSQL(err, "read the strategy")
	}
	if err := each(ctx, q, `SELECT id, code, title_bg, title_en, description_bg, description_en, version FROM goals`, func(r *sql.Rows) error {
		var g model.Goal
		err := r.Scan(&g.ID, &g.Code, &g.Title.BG, &g.Title.EN, &g.Description.BG, &g.Description.EN, &g.Version)
		d.Goals = append(d.Goals, g)
		return err
	}); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT id, code, title_bg, title_en, description_bg, description_en, ord, version FROM areas`, func(r *sql.Rows) error {
		var a model.Area
		err := r.Scan(&a.ID, &a.Code, &a.Title.BG, &a.Title.EN, &a.Description.BG, &a.Description.EN, &a.Order, &a.Version)
		d.Areas = append(d.Areas, a)
		return err
	}); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT id, code, name_bg, name_en, kind, version FROM units`, func(r *sql.Rows) error {
		var u model.Unit
		err := r.Scan(&u.ID, &u.Code, &u.Name.BG, &u.Name.EN, &u.Kind, &u.Version)
		d.Units = append(d.Units, u)
		return err
	}); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT id, name_bg, name_en, position_bg, position_en, unit, email, phone, role, public, version FROM people`, func(r *sql.Rows) error {
		var p model.Person
		err := r.Scan(&p.ID, &p.Name.BG, &p.Name.EN, &p.Position.BG, &p.Position.EN, &p.Unit, &p.Email, &p.Phone, &p.Role, &p.Public, &p.Version)
		d.People = append(d.People, p)
		return err
	}); err != nil {
		return nil, err
	}

	index := map[model.ID]int{}
	if err := each(ctx, q, `SELECT id, code, area, title_bg, title_en, description_bg, description_en, lead_unit,
		responsible_id, start, end, weight, manual_progress, planned_cents, spent_cents, cancelled,
		override_status, override_reason, internal, version FROM measures`, func(r *sql.Rows) error {
		var m model.Measure
		var resp sql.NullInt64
		var ovStatus, ovReason sql.NullString
		err := r.Scan(&m.ID, &m.Code, &m.Area, &m.Title.BG, &m.Title.EN, &m.Description.BG, &m.Description.EN, &m.LeadUnit,
			&resp, dateCol{&m.Start}, dateCol{&m.End}, &m.Weight, &m.ManualProgress, &m.PlannedCents, &m.SpentCents, &m.Cancelled,
			&ovStatus, &ovReason, &m.Internal, &m.Version)
		m.Responsible = model.Ref(resp.Int64)
		m.Override = overrideOf(ovStatus, ovReason)
		index[m.ID] = len(d.Measures)
		d.Measures = append(d.Measures, m)
		return err
	}); err != nil {
		return nil, err
	}
	measure := measureByID(d, index)
	if err := each(ctx, q, `SELECT measure_id, goal FROM measure_goals`, func(r *sql.Rows) error {
		var id model.ID
		var code string
		if err := r.Scan(&id, &code); err != nil {
			return err
		}
		if m := measure(id); m != nil {
			m.Goals = append(m.Goals, code)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT measure_id, unit FROM measure_partners`, func(r *sql.Rows) error {
		var id model.ID
		var code string
		if err := r.Scan(&id, &code); err != nil {
			return err
		}
		if m := measure(id); m != nil {
			m.Partners = append(m.Partners, code)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readFunding(ctx, q, measure); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT id, measure_id, title_bg, title_en, due, completed, cancelled, weight, responsible_id,
		note, evidence, note_internal, version FROM milestones`, func(r *sql.Rows) error {
		var ms model.Milestone
		var resp sql.NullInt64
		err := r.Scan(&ms.ID, &ms.MeasureID, &ms.Title.BG, &ms.Title.EN, dateCol{&ms.Due}, dateCol{&ms.Completed}, &ms.Cancelled,
			&ms.Weight, &resp, &ms.Note, &ms.Evidence, &ms.NoteInternal, &ms.Version)
		ms.Responsible = model.Ref(resp.Int64)
		if m := measure(ms.MeasureID); m != nil {
			m.Milestones = append(m.Milestones, ms)
		}
		return err
	}); err != nil {
		return nil, err
	}
	kpiIndex := map[model.ID][2]int{}
	if err := each(ctx, q, `SELECT id, measure_id, name_bg, name_en, unit_bg, unit_en, kind, baseline_value, baseline_date,
		target_value, target_date, internal, version FROM kpis`, func(r *sql.Rows) error {
		var k model.KPI
		err := r.Scan(&k.ID, &k.MeasureID, &k.Name.BG, &k.Name.EN, &k.Unit.BG, &k.Unit.EN, &k.Kind, &k.BaselineValue,
			dateCol{&k.BaselineDate}, &k.TargetValue, dateCol{&k.TargetDate}, &k.Internal, &k.Version)
		if i, ok := index[k.MeasureID]; ok {
			kpiIndex[k.ID] = [2]int{i, len(d.Measures[i].KPIs)}
			d.Measures[i].KPIs = append(d.Measures[i].KPIs, k)
		}
		return err
	}); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT id, kpi_id, date, value, note, source, version FROM kpi_values`, func(r *sql.Rows) error {
		var v model.KPIValue
		err := r.Scan(&v.ID, &v.KPIID, dateCol{&v.Date}, &v.Value, &v.Note, &v.Source, &v.Version)
		if at, ok := kpiIndex[v.KPIID]; ok {
			k := &d.Measures[at[0]].KPIs[at[1]]
			k.Values = append(k.Values, v)
		}
		return err
	}); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT id, measure_id, date, author_id, text_bg, text_en, internal, version FROM updates`, func(r *sql.Rows) error {
		var u model.Update
		var author sql.NullInt64
		err := r.Scan(&u.ID, &u.MeasureID, dateCol{&u.Date}, &author, &u.Text.BG, &u.Text.EN, &u.Internal, &u.Version)
		u.Author = model.Ref(author.Int64)
		if m := measure(u.MeasureID); m != nil {
			m.Updates = append(m.Updates, u)
		}
		return err
	}); err != nil {
		return nil, err
	}
	if err := each(ctx, q, `SELECT id, name, as_of, created_at, created_by, sha256, figures FROM snapshots`, func(r *sql.Rows) error {
		var sn model.Snapshot
		var figures string
		err := r.Scan(&sn.ID, &sn.Name, dateCol{&sn.AsOf}, &sn.CreatedAt, &sn.CreatedBy, &sn.SHA256, &figures)
		sn.Figures = []byte(figures)
		d.Snapshots = append(d.Snapshots, sn)
		return err
	}); err != nil {
		return nil, err
	}
	if err := readPlan(ctx, q, d); err != nil {
		return nil, err
	}
	if err := readPeriods(ctx, q, d); err != nil {
		return nil, err
	}
	d.Tidy()
	return d, nil
}
