package storage

import (
	"context"
	"database/sql"
	"strings"

	"strategytracker/model"
)

// execer is what writing needs.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Column lists and argument builders, one per table, shared by create, update and load.

const strategyCols = "title_bg, title_en, short_title_bg, short_title_en, vision_bg, vision_en, period_start, period_end, adopted_on, council_decision_bg, council_decision_en, demo"

func strategyArgs(s *model.Strategy) []any {
	return []any{s.Title.BG, s.Title.EN, s.ShortTitle.BG, s.ShortTitle.EN, s.Vision.BG, s.Vision.EN,
		dateArg(s.PeriodStart), dateArg(s.PeriodEnd), dateArg(s.AdoptedOn), s.CouncilDecision.BG, s.CouncilDecision.EN, s.Demo}
}

const goalCols = "code, title_bg, title_en, description_bg, description_en"

func goalArgs(g *model.Goal) []any {
	return []any{g.Code, g.Title.BG, g.Title.EN, g.Description.BG, g.Description.EN}
}

const areaCols = "code, title_bg, title_en, description_bg, description_en, ord"

func areaArgs(a *model.Area) []any {
	return []any{a.Code, a.Title.BG, a.Title.EN, a.Description.BG, a.Description.EN, a.Order}
}

const unitCols = "code, name_bg, name_en, kind"

func unitArgs(u *model.Unit) []any { return []any{u.Code, u.Name.BG, u.Name.EN, string(u.Kind)} }

const personCols = "name_bg, name_en, position_bg, position_en, unit, email, phone, role, public"

func personArgs(p *model.Person) []any {
	return []any{p.Name.BG, p.Name.EN, p.Position.BG, p.Position.EN, p.Unit, p.Email, p.Phone, string(p.Role), p.Public}
}

const measureCols = "code, area, title_bg, title_en, description_bg, description_en, lead_unit, responsible_id, start, end, weight, manual_progress, planned_cents, spent_cents, cancelled, override_status, override_reason, internal"

func measureArgs(m *model.Measure) []any {
	var ovStatus, ovReason any
	if m.Override != nil {
		ovStatus, ovReason = string(m.Override.Status), m.Override.Reason
	}
	return []any{m.Code, m.Area, m.Title.BG, m.Title.EN, m.Description.BG, m.Description.EN, m.LeadUnit, refArg(m.Responsible),
		dateArg(m.Start), dateArg(m.End), m.Weight, m.ManualProgress, m.PlannedCents, m.SpentCents, m.Cancelled, ovStatus, ovReason, m.Internal}
}

const milestoneCols = "measure_id, title_bg, title_en, due, completed, cancelled, weight, responsible_id, note, evidence, note_internal"

func milestoneArgs(ms *model.Milestone) []any {
	return []any{ms.MeasureID, ms.Title.BG, ms.Title.EN, dateArg(ms.Due), dateArg(ms.Completed), ms.Cancelled, ms.Weight,
		refArg(ms.Responsible), ms.Note, ms.Evidence, ms.NoteInternal}
}

const kpiCols = "measure_id, name_bg, name_en, unit_bg, unit_en, kind, baseline_value, baseline_date, target_value, target_date, internal"

func kpiArgs(k *model.KPI) []any {
	return []any{k.MeasureID, k.Name.BG, k.Name.EN, k.Unit.BG, k.Unit.EN, string(k.Kind), k.BaselineValue, dateArg(k.BaselineDate),
		k.TargetValue, dateArg(k.TargetDate), k.Internal}
}

const kpiValueCols = "kpi_id, date, value, note, source"

func kpiValueArgs(v *model.KPIValue) []any {
	return []any{v.KPIID, dateArg(v.Date), v.Value, v.Note, v.Source}
}

const updateCols = "measure_id, date, author_id, text_bg, text_en, internal"

func updateArgs(u *model.Update) []any {
	return []any{u.MeasureID, dateArg(u.Date), refArg(u.Author), u.Text.BG, u.Text.EN, u.Internal}
}

// insertRow inserts a row with the given id (0: let SQLite choose) and
// version 1, returning the id.
func insertRow(ctx context.Context, x execer, table, cols string, id model.ID, args []any) (model.ID, error) {
	n := strings.Count(cols, ",") + 1
	q := "INSERT INTO " + table + " (" + cols + ", version"
	vals := strings.Repeat("?, ", n) + "1"
	if id != 0 {
		q += ", id"
		vals += ", ?"
		args = append(args, id)
	}
	res, err := x.ExecContext(ctx, q+") VALUES ("+vals+")", args...)
	if err != nil {
		return 0, err
	}
	if id != 0 {
		return id, nil
	}
	return res.LastInsertId()
}

// updateRow writes every column of a row whose version is still version,
// bumping it; false when no such row (someone else changed it).
func updateRow(ctx context.Context, x execer, table, cols string, id model.ID, version int64, args []any) (bool, error) {
	names := strings.Split(cols, ", ")
	q := "UPDATE " + table + " SET " + strings.Join(names, " = ?, ") + " = ?, version = version + 1 WHERE id = ? AND version = ?"
	res, err := x.ExecContext(ctx, q, append(args, id, version)...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// writeMeasureLists replaces the goals, partners and funding of measure id with m's.
func writeMeasureLists(ctx context.Context, x execer, id model.ID, m *model.Measure) error {
	for _, table := range []string{"measure_goals", "measure_partners", "funding"} {
		if _, err := x.ExecContext(ctx, "DELETE FROM "+table+" WHERE measure_id = ?", id); err != nil {
			return err
		}
	}
	for _, g := range m.Goals {
		if _, err := x.ExecContext(ctx, "INSERT INTO measure_goals (measure_id, goal) VALUES (?, ?)", id, g); err != nil {
			return err
		}
	}
	for _, u := range m.Partners {
		if _, err := x.ExecContext(ctx, "INSERT INTO measure_partners (measure_id, unit) VALUES (?, ?)", id, u); err != nil {
			return err
		}
	}
	for i, f := range m.Funding {
		if _, err := x.ExecContext(ctx, "INSERT INTO funding (measure_id, pos, name_bg, name_en, amount_cents) VALUES (?, ?, ?, ?, ?)",
			id, i, f.Name.BG, f.Name.EN, f.AmountCents); err != nil {
			return err
		}
	}
	return nil
}
