package storage

import (
	"context"
	"database/sql"

	"strategytracker/internal/sqlrow"
	"strategytracker/model"
)

// SummaryDoc reads only what the figures of DESIGN.md §2 need — the
// strategy's title and demo flag, the areas, and of the measures, their
// funding and milestones only the columns the status, progress and budget
// rules read — for a summary that must be quick on a large file
// (`summary -json` of 2,000 measures and 20,000 milestones: BENCHMARKS.md).
// Titles, descriptions, notes, evidence and the rows' versions are left
// out: decoding the text was most of the time, and a column after a long
// text is found only by reading through it. Every other list is empty.
// TestSummaryDocGivesTheSummaryOfTheWholeDoc holds it to the figures of
// the whole document.
func (s *Store) SummaryDoc(ctx context.Context) (*model.Doc, error) {
	tx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, wrapSQL(err, "read %s", s.path)
	}
	defer tx.Rollback()
	return readSummary(ctx, tx)
}

func readSummary(ctx context.Context, q queryer) (*model.Doc, error) {
	d := &model.Doc{Format: model.Format}
	st := &d.Strategy
	err := q.QueryRowContext(ctx, `SELECT title_bg, title_en, demo, version FROM meta WHERE id = 1`).
		Scan(&st.Title.BG, &st.Title.EN, &st.Demo, &st.Version)
	if err != nil {
		return nil, wrapSQL(err, "read the strategy")
	}
	if err := each(ctx, q, `SELECT id, code, title_bg, title_en, ord, version FROM areas`, func(r *sql.Rows) error {
		var a model.Area
		err := r.Scan(&a.ID, &a.Code, &a.Title.BG, &a.Title.EN, &a.Order, &a.Version)
		d.Areas = append(d.Areas, a)
		return err
	}); err != nil {
		return nil, err
	}
	index := map[model.ID]int{}
	if err := each(ctx, q, `SELECT id, code, area, start, end, weight, manual_progress, planned_cents, spent_cents,
		cancelled, override_status, override_reason FROM measures`, func(r *sql.Rows) error {
		var m model.Measure
		var ovStatus, ovReason sql.NullString
		err := r.Scan(&m.ID, &m.Code, &m.Area, sqlrow.Date{D: &m.Start}, sqlrow.Date{D: &m.End}, &m.Weight, &m.ManualProgress,
			&m.PlannedCents, &m.SpentCents, &m.Cancelled, &ovStatus, &ovReason)
		m.Override = overrideOf(ovStatus, ovReason)
		index[m.ID] = len(d.Measures)
		d.Measures = append(d.Measures, m)
		return err
	}); err != nil {
		return nil, err
	}
	measure := measureByID(d, index)
	if err := each(ctx, q, `SELECT measure_id, name_bg, name_en, amount_cents FROM funding ORDER BY measure_id, pos`, func(r *sql.Rows) error {
		var id model.ID
		var f model.Funding
		if err := r.Scan(&id, &f.Name.BG, &f.Name.EN, &f.AmountCents); err != nil {
			return err
		}
		if m := measure(id); m != nil {
			m.Funding = append(m.Funding, f)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readSummaryMilestones(ctx, q, d, index); err != nil {
		return nil, err
	}
	d.Tidy()
	return d, nil
}

// readSummaryMilestones reads the milestones into one array, then gives
// each measure its part of a second one: appending them measure by measure
// grew 2,000 slices one by one, a tenth of the summary's time.
func readSummaryMilestones(ctx context.Context, q queryer, d *model.Doc, index map[model.ID]int) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM milestones`).Scan(&n); err != nil {
		return wrapSQL(err, "read the milestones")
	}
	read := make([]model.Milestone, 0, n)
	if err := each(ctx, q, `SELECT id, measure_id, due, completed, cancelled, weight FROM milestones`, func(r *sql.Rows) error {
		var ms model.Milestone
		err := r.Scan(&ms.ID, &ms.MeasureID, sqlrow.Date{D: &ms.Due}, sqlrow.Date{D: &ms.Completed}, &ms.Cancelled, &ms.Weight)
		read = append(read, ms)
		return err
	}); err != nil {
		return err
	}
	count := make([]int, len(d.Measures))
	for i := range read {
		if k, ok := index[read[i].MeasureID]; ok {
			count[k]++
		}
	}
	all := make([]model.Milestone, 0, len(read))
	for k := range d.Measures {
		d.Measures[k].Milestones = all[len(all) : len(all) : len(all)+count[k]]
		all = all[:len(all)+count[k]]
	}
	for i := range read {
		if k, ok := index[read[i].MeasureID]; ok {
			m := &d.Measures[k]
			m.Milestones = append(m.Milestones, read[i])
		}
	}
	return nil
}

// overrideOf is a measure's manual status from its two nullable columns.
func overrideOf(status, reason sql.NullString) *model.Override {
	if !status.Valid {
		return nil
	}
	return &model.Override{Status: model.Status(status.String), Reason: reason.String}
}

// measureByID finds a measure of d by id through index (id → position).
func measureByID(d *model.Doc, index map[model.ID]int) func(model.ID) *model.Measure {
	return func(id model.ID) *model.Measure {
		if i, ok := index[id]; ok {
			return &d.Measures[i]
		}
		return nil
	}
}
