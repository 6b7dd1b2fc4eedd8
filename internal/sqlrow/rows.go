package sqlrow

import (
	"fmt"

	"strategytracker/model"
)

// Table is a table of rows with an id and a version: its name and its
// other columns, in the order of the row's values (Columns).
type Table struct {
	Name string
	Cols []string
}

var (
	strategyTable  = Table{"meta", []string{"title_bg", "title_en", "short_title_bg", "short_title_en", "vision_bg", "vision_en", "period_start", "period_end", "adopted_on", "council_decision_bg", "council_decision_en", "submitter_id", "demo"}}
	goalTable      = Table{"goals", []string{"code", "title_bg", "title_en", "description_bg", "description_en"}}
	areaTable      = Table{"areas", []string{"code", "title_bg", "title_en", "description_bg", "description_en", "ord"}}
	unitTable      = Table{"units", []string{"code", "name_bg", "name_en", "kind"}}
	personTable    = Table{"people", []string{"name_bg", "name_en", "position_bg", "position_en", "unit", "email", "phone", "role", "public"}}
	measureTable   = Table{"measures", []string{"code", "area", "title_bg", "title_en", "description_bg", "description_en", "lead_unit", "responsible_id", "start", "end", "weight", "manual_progress", "planned_cents", "spent_cents", "cancelled", "override_status", "override_reason", "override_reason_en", "internal"}}
	milestoneTable = Table{"milestones", []string{"measure_id", "title_bg", "title_en", "due", "completed", "cancelled", "weight", "responsible_id", "note", "note_en", "evidence", "note_internal"}}
	kpiTable       = Table{"kpis", []string{"measure_id", "name_bg", "name_en", "unit_bg", "unit_en", "kind", "baseline_value", "baseline_date", "target_value", "target_date", "internal"}}
	kpiValueTable  = Table{"kpi_values", []string{"kpi_id", "date", "value", "note", "source"}}
	updateTable    = Table{"updates", []string{"measure_id", "date", "author_id", "text_bg", "text_en", "internal"}}
	periodTable    = Table{"periods", []string{"name_bg", "name_en", "start", "end", "due", "state", "opened_at", "opened_by", "closed_at", "closed_by", "reopened", "returns", "narrative"}}

	adoptionCols = []string{"adopted_on", "council_decision_bg", "council_decision_en", "adopted_by", "at"}
	revisionCols = []string{"entity", "entity_id", "measure_id", "field", "original", "previous", "current", "at", "revised_by", "reason_bg", "reason_en"}
	snapshotCols = []string{"name", "as_of", "created_at", "created_by", "sha256", "figures"}
	auditCols    = []string{"seq", "at", "user", "action", "entity", "entity_id", "field", "old", "new", "prev_hash", "hash"}
)

// Numbered lists the tables whose ids a new strategy's rows keep (all
// but the ones numbered when it is loaded), for the engine's sequences.
var Numbered = []string{"goals", "areas", "units", "people", "measures", "milestones", "kpis", "kpi_values", "updates", "snapshots", "revisions", "periods"}

// Columns returns row's table and row's values for its columns.
func Columns(row model.Row) (Table, []any) {
	switch r := row.(type) {
	case *model.Strategy:
		return strategyTable, []any{r.Title.BG, r.Title.EN, r.ShortTitle.BG, r.ShortTitle.EN, r.Vision.BG, r.Vision.EN,
			dateArg(r.PeriodStart), dateArg(r.PeriodEnd), dateArg(r.AdoptedOn), r.CouncilDecision.BG, r.CouncilDecision.EN, refArg(r.Submitter), r.Demo}
	case *model.Goal:
		return goalTable, []any{r.Code, r.Title.BG, r.Title.EN, r.Description.BG, r.Description.EN}
	case *model.Area:
		return areaTable, []any{r.Code, r.Title.BG, r.Title.EN, r.Description.BG, r.Description.EN, r.Order}
	case *model.Unit:
		return unitTable, []any{r.Code, r.Name.BG, r.Name.EN, string(r.Kind)}
	case *model.Person:
		return personTable, []any{r.Name.BG, r.Name.EN, r.Position.BG, r.Position.EN, r.Unit, r.Email, r.Phone, string(r.Role), r.Public}
	case *model.Measure:
		var ovStatus, ovReason, ovReasonEn any
		if r.Override != nil {
			ovStatus, ovReason, ovReasonEn = string(r.Override.Status), r.Override.Reason, r.Override.ReasonEn
		}
		return measureTable, []any{r.Code, r.Area, r.Title.BG, r.Title.EN, r.Description.BG, r.Description.EN, r.LeadUnit, refArg(r.Responsible),
			dateArg(r.Start), dateArg(r.End), r.Weight, r.ManualProgress, r.PlannedCents, r.SpentCents, r.Cancelled, ovStatus, ovReason, ovReasonEn, r.Internal}
	case *model.Milestone:
		return milestoneTable, []any{r.MeasureID, r.Title.BG, r.Title.EN, dateArg(r.Due), dateArg(r.Completed), r.Cancelled, r.Weight,
			refArg(r.Responsible), r.Note, r.NoteEn, r.Evidence, r.NoteInternal}
	case *model.KPI:
		return kpiTable, []any{r.MeasureID, r.Name.BG, r.Name.EN, r.Unit.BG, r.Unit.EN, string(r.Kind), r.BaselineValue, dateArg(r.BaselineDate),
			r.TargetValue, dateArg(r.TargetDate), r.Internal}
	case *model.KPIValue:
		return kpiValueTable, []any{r.KPIID, dateArg(r.Date), r.Value, r.Note, r.Source}
	case *model.Update:
		return updateTable, []any{r.MeasureID, dateArg(r.Date), refArg(r.Author), r.Text.BG, r.Text.EN, r.Internal}
	case *model.Period:
		return periodTable, periodArgs(r)
	}
	panic(fmt.Sprintf("sqlrow: no table keeps a %T", row))
}

func periodArgs(p *model.Period) []any {
	return []any{p.Name.BG, p.Name.EN, dateArg(p.Start), dateArg(p.End), dateArg(p.Due), string(p.State),
		p.OpenedAt, refArg(p.OpenedBy), p.ClosedAt, refArg(p.ClosedBy),
		listArg(p.Reopened), listArg(p.Returns), listArg(p.Narrative)}
}

func revisionArgs(r *model.Revision) []any {
	return []any{string(r.Entity), r.EntityID, r.MeasureID, r.Field, r.Original, r.Previous, r.Current, r.At, r.By, r.Reason.BG, r.Reason.EN}
}

// dateArg is the column value of a date: NULL for none.
func dateArg(d model.Date) any {
	if d == 0 {
		return nil
	}
	return d.String()
}

// refArg is the column value of a reference to a person: NULL for none.
func refArg(r model.Ref) any {
	if r == 0 {
		return nil
	}
	return int64(r)
}

// listArg is a list kept as JSON in a column ([] for none).
func listArg[T any](list []T) string {
	if list == nil {
		list = []T{}
	}
	b, err := model.CanonicalJSON(list)
	if err != nil {
		panic(fmt.Sprintf("sqlrow: a list of %T cannot be written: %v", list, err)) // plain structs of strings and numbers
	}
	return string(b)
}

// Load is the statements that write d into an empty schema, children
// after their parents: the header with databaseID, then every row with
// its id — but for goals, areas, units and snapshots when numbered is
// false (the engine numbers them). Measures' parents are set in d's
// children on the way.
func (dl Dialect) Load(d *model.Doc, databaseID string, numbered bool) []Stmt {
	out := []Stmt{{What: "the strategy", SQL: "INSERT INTO meta (id, database_id, " + dl.cols(strategyTable.Cols) + ", version) VALUES (1, " +
		dl.params(1, len(strategyTable.Cols)+1) + ", 1)"}}
	_, header := Columns(&d.Strategy)
	out[0].Args = append([]any{databaseID}, header...)
	add := func(what string, row model.Row, id model.ID) {
		s := dl.Insert(row, id)
		s.What = what
		out = append(out, s)
	}
	own := func(id model.ID) model.ID {
		if numbered {
			return id
		}
		return 0
	}
	for i := range d.Goals {
		add("goal "+d.Goals[i].Code, &d.Goals[i], own(d.Goals[i].ID))
	}
	for i := range d.Areas {
		add("area "+d.Areas[i].Code, &d.Areas[i], own(d.Areas[i].ID))
	}
	for i := range d.Units {
		add("unit "+d.Units[i].Code, &d.Units[i], own(d.Units[i].ID))
	}
	for i := range d.People {
		add(fmt.Sprintf("person %d", d.People[i].ID), &d.People[i], d.People[i].ID)
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		add("measure "+m.Code, m, m.ID)
		out = append(out, dl.measureListInserts(m.ID, m)...)
		for j := range m.Milestones {
			ms := &m.Milestones[j]
			ms.MeasureID = m.ID
			add(fmt.Sprintf("milestone %d", ms.ID), ms, ms.ID)
		}
		for j := range m.KPIs {
			k := &m.KPIs[j]
			k.MeasureID = m.ID
			add(fmt.Sprintf("KPI %d", k.ID), k, k.ID)
			for n := range k.Values {
				v := &k.Values[n]
				v.KPIID = k.ID
				add(fmt.Sprintf("KPI value %d", v.ID), v, v.ID)
			}
		}
		for j := range m.Updates {
			u := &m.Updates[j]
			u.MeasureID = m.ID
			add(fmt.Sprintf("update %d", u.ID), u, u.ID)
		}
	}
	for i := range d.Snapshots {
		sn := d.Snapshots[i]
		sn.ID = own(sn.ID)
		s := dl.Snapshot(&sn)
		s.What = fmt.Sprintf("snapshot %q", sn.Name)
		out = append(out, s)
	}
	if d.Adoption != nil {
		out = append(out, dl.Adoption(d.Adoption))
	}
	for i := range d.Revisions {
		s := dl.Revision(&d.Revisions[i])
		s.What = fmt.Sprintf("revision %d", d.Revisions[i].ID)
		out = append(out, s)
	}
	for i := range d.Periods {
		add(fmt.Sprintf("period %q", d.Periods[i].Name.In(model.BG)), &d.Periods[i], d.Periods[i].ID)
	}
	return out
}
