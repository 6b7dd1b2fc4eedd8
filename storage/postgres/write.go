package postgres

import (
	"context"
	"reflect"
	"strconv"
	"strings"

	"strategytracker/model"
)

// Column lists and argument builders, one per table, shared by create,
// update and load. They follow storage/write.go column for column.

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

const measureCols = "code, area, title_bg, title_en, description_bg, description_en, lead_unit, responsible_id, start_date, end_date, weight, manual_progress, planned_cents, spent_cents, cancelled, override_status, override_reason, internal"

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

func placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i))
	}
	return b.String()
}

// insertRow inserts a row with the given id (0: let the server choose) and
// version 1, returning the id.
func insertRow(ctx context.Context, q querier, table, cols string, id model.ID, args []any) (model.ID, error) {
	n := strings.Count(cols, ",") + 1
	query := "INSERT INTO " + table + " (" + cols + ", version"
	vals := placeholders(1, n) + ", 1"
	if id != 0 {
		query += ", id"
		vals += ", $" + strconv.Itoa(n+1)
		args = append(args, id)
	}
	var newID model.ID
	err := q.QueryRow(ctx, query+") VALUES ("+vals+") RETURNING id", args...).Scan(&newID)
	return newID, err
}

// insertRow0 inserts a row of a table without versions, returning its id.
func insertRow0(ctx context.Context, q querier, table, cols string, args []any) (model.ID, error) {
	n := strings.Count(cols, ",") + 1
	var id model.ID
	err := q.QueryRow(ctx, "INSERT INTO "+table+" ("+cols+") VALUES ("+placeholders(1, n)+") RETURNING id", args...).Scan(&id)
	return id, err
}

// updateRow writes the columns whose value differs between old and new of
// a row whose version is still version, bumping it; false when no such row
// (someone else changed it). Writing only the changed columns lets the
// server's column grants allow a coordinator's change of progress.
func updateRow(ctx context.Context, q querier, table, cols string, id model.ID, version int64, old, new []any) (bool, error) {
	names := strings.Split(cols, ", ")
	var sets []string
	var args []any
	for i, name := range names {
		if reflect.DeepEqual(old[i], new[i]) {
			continue
		}
		args = append(args, new[i])
		sets = append(sets, name+" = $"+strconv.Itoa(len(args)))
	}
	sets = append(sets, "version = version + 1")
	args = append(args, id, version)
	tag, err := q.Exec(ctx, "UPDATE "+table+" SET "+strings.Join(sets, ", ")+
		" WHERE id = $"+strconv.Itoa(len(args)-1)+" AND version = $"+strconv.Itoa(len(args)), args...)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// writeMeasureLists replaces the goals, partners and funding of measure id with m's.
func writeMeasureLists(ctx context.Context, q querier, id model.ID, m *model.Measure) error {
	for _, table := range []string{"measure_goals", "measure_partners", "funding"} {
		if _, err := q.Exec(ctx, "DELETE FROM "+table+" WHERE measure_id = $1", id); err != nil {
			return err
		}
	}
	for _, g := range m.Goals {
		if _, err := q.Exec(ctx, "INSERT INTO measure_goals (measure_id, goal) VALUES ($1, $2)", id, g); err != nil {
			return err
		}
	}
	for _, u := range m.Partners {
		if _, err := q.Exec(ctx, "INSERT INTO measure_partners (measure_id, unit) VALUES ($1, $2)", id, u); err != nil {
			return err
		}
	}
	for i, f := range m.Funding {
		if _, err := q.Exec(ctx, "INSERT INTO funding (measure_id, pos, name_bg, name_en, amount_cents) VALUES ($1, $2, $3, $4, $5)",
			id, i, f.Name.BG, f.Name.EN, f.AmountCents); err != nil {
			return err
		}
	}
	return nil
}
