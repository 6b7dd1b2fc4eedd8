package sqlrow

import (
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"strategytracker/model"
)

// Scanner is one row of a query's result (*sql.Rows, pgx.Rows).
type Scanner interface {
	Scan(dest ...any) error
}

// Query is one query of reading a strategy: the table it reads, its SQL,
// and how one of its rows goes into the document (Builder.Add).
type Query struct {
	Table string
	SQL   string
	scan  func(b *Builder, r Scanner) error
}

// DocQueries are the queries that read a whole strategy, in the order
// Builder needs them (parents before children).
func (dl Dialect) DocQueries() []Query {
	sel := func(t Table, scan func(*Builder, Scanner) error) Query {
		return Query{Table: t.Name, SQL: "SELECT id, " + dl.cols(t.Cols) + ", version FROM " + t.Name, scan: scan}
	}
	return []Query{
		{Table: "meta", SQL: "SELECT " + dl.cols(strategyTable.Cols) + ", version FROM meta WHERE id = 1", scan: (*Builder).strategy},
		sel(goalTable, (*Builder).goal),
		sel(areaTable, (*Builder).area),
		sel(unitTable, (*Builder).unit),
		sel(personTable, (*Builder).person),
		sel(measureTable, (*Builder).measure),
		{Table: "measure_goals", SQL: "SELECT measure_id, goal FROM measure_goals", scan: (*Builder).goalOf},
		{Table: "measure_partners", SQL: "SELECT measure_id, unit FROM measure_partners", scan: (*Builder).partnerOf},
		{Table: "funding", SQL: "SELECT measure_id, name_bg, name_en, amount_cents FROM funding ORDER BY measure_id, pos", scan: (*Builder).funding},
		sel(milestoneTable, (*Builder).milestone),
		sel(kpiTable, (*Builder).kpi),
		sel(kpiValueTable, (*Builder).kpiValue),
		sel(updateTable, (*Builder).update),
		{Table: "snapshots", SQL: "SELECT id, " + dl.cols(snapshotCols) + " FROM snapshots", scan: (*Builder).snapshot},
		{Table: "adoption", SQL: "SELECT " + dl.cols(adoptionCols) + " FROM adoption WHERE id = 1", scan: (*Builder).adoption},
		{Table: "revisions", SQL: "SELECT id, " + dl.cols(revisionCols) + " FROM revisions ORDER BY id", scan: (*Builder).revision},
		sel(periodTable, (*Builder).period),
	}
}

// Builder puts the rows of DocQueries into a document.
type Builder struct {
	d        *model.Doc
	header   bool
	measures map[model.ID]int    // measure id → index in d.Measures
	kpis     map[model.ID][2]int // KPI id → measure index, KPI index
}

// NewBuilder starts an empty document.
func NewBuilder() *Builder {
	return &Builder{d: &model.Doc{Format: model.Format}, measures: map[model.ID]int{}, kpis: map[model.ID][2]int{}}
}

// Add puts one row of q into the document.
func (b *Builder) Add(q Query, r Scanner) error { return q.scan(b, r) }

// Doc is the document read, in canonical order; an error when the
// strategy's header was not among the rows.
func (b *Builder) Doc() (*model.Doc, error) {
	if !b.header {
		return nil, model.Errorf(model.EINVALID, "the database holds no strategy (its header row is missing)")
	}
	b.d.Tidy()
	return b.d, nil
}

// Date scans a nullable YYYY-MM-DD column.
type Date struct{ D *model.Date }

func (c Date) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
		*c.D = 0
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	case time.Time:
		*c.D = model.DateOf(x)
		return nil
	default:
		return model.Errorf(model.EINVALID, "unexpected date value %v", v)
	}
	d, err := model.ParseDate(s)
	*c.D = d
	return err
}

// text scans a column into a string type of model's.
func text[T ~string](p *T) any { return textCol(func(s string) { *p = T(s) }) }

type textCol func(string)

func (set textCol) Scan(v any) error {
	switch x := v.(type) {
	case string:
		set(x)
	case []byte:
		set(string(x))
	case nil:
		set("")
	default:
		return model.Errorf(model.EINVALID, "unexpected text value %v", v)
	}
	return nil
}

func (b *Builder) strategy(r Scanner) error {
	st := &b.d.Strategy
	b.header = true
	var submitter sql.NullInt64
	err := r.Scan(&st.Title.BG, &st.Title.EN, &st.ShortTitle.BG, &st.ShortTitle.EN, &st.Vision.BG, &st.Vision.EN,
		Date{&st.PeriodStart}, Date{&st.PeriodEnd}, Date{&st.AdoptedOn}, &st.CouncilDecision.BG, &st.CouncilDecision.EN, &submitter, &st.Demo, &st.Version)
	st.Submitter = model.Ref(submitter.Int64)
	return err
}

func (b *Builder) goal(r Scanner) error {
	var g model.Goal
	err := r.Scan(&g.ID, &g.Code, &g.Title.BG, &g.Title.EN, &g.Description.BG, &g.Description.EN, &g.Version)
	b.d.Goals = append(b.d.Goals, g)
	return err
}

func (b *Builder) area(r Scanner) error {
	var a model.Area
	err := r.Scan(&a.ID, &a.Code, &a.Title.BG, &a.Title.EN, &a.Description.BG, &a.Description.EN, &a.Order, &a.Version)
	b.d.Areas = append(b.d.Areas, a)
	return err
}

func (b *Builder) unit(r Scanner) error {
	var u model.Unit
	err := r.Scan(&u.ID, &u.Code, &u.Name.BG, &u.Name.EN, text(&u.Kind), &u.Version)
	b.d.Units = append(b.d.Units, u)
	return err
}

func (b *Builder) person(r Scanner) error {
	var p model.Person
	err := r.Scan(&p.ID, &p.Name.BG, &p.Name.EN, &p.Position.BG, &p.Position.EN, &p.Unit, &p.Email, &p.Phone, text(&p.Role), &p.Public, &p.Version)
	b.d.People = append(b.d.People, p)
	return err
}

func (b *Builder) measure(r Scanner) error {
	var m model.Measure
	var resp sql.NullInt64
	var ovStatus, ovReason, ovReasonEn sql.NullString
	err := r.Scan(&m.ID, &m.Code, &m.Area, &m.Title.BG, &m.Title.EN, &m.Description.BG, &m.Description.EN, &m.LeadUnit,
		&resp, Date{&m.Start}, Date{&m.End}, &m.Weight, &m.ManualProgress, &m.PlannedCents, &m.SpentCents, &m.Cancelled,
		&ovStatus, &ovReason, &ovReasonEn, &m.Internal, &m.Version)
	m.Responsible = model.Ref(resp.Int64)
	if ovStatus.Valid {
		m.Override = &model.Override{Status: model.Status(ovStatus.String), Reason: ovReason.String, ReasonEn: ovReasonEn.String}
	}
	b.measures[m.ID] = len(b.d.Measures)
	b.d.Measures = append(b.d.Measures, m)
	return err
}

// measure is measure id of the document (nil when it is not there).
func (b *Builder) measureOf(id model.ID) *model.Measure {
	if i, ok := b.measures[id]; ok {
		return &b.d.Measures[i]
	}
	return nil
}

func (b *Builder) goalOf(r Scanner) error {
	return b.codeOf(r, func(m *model.Measure) *[]string { return &m.Goals })
}

func (b *Builder) partnerOf(r Scanner) error {
	return b.codeOf(r, func(m *model.Measure) *[]string { return &m.Partners })
}

// codeOf adds the code of a row (measure id, code) to a list of its measure.
func (b *Builder) codeOf(r Scanner, list func(m *model.Measure) *[]string) error {
	var id model.ID
	var code string
	if err := r.Scan(&id, &code); err != nil {
		return err
	}
	if m := b.measureOf(id); m != nil {
		*list(m) = append(*list(m), code)
	}
	return nil
}

func (b *Builder) funding(r Scanner) error {
	var id model.ID
	var f model.Funding
	if err := r.Scan(&id, &f.Name.BG, &f.Name.EN, &f.AmountCents); err != nil {
		return err
	}
	if m := b.measureOf(id); m != nil {
		m.Funding = append(m.Funding, f)
	}
	return nil
}

func (b *Builder) milestone(r Scanner) error {
	var ms model.Milestone
	var resp sql.NullInt64
	err := r.Scan(&ms.ID, &ms.MeasureID, &ms.Title.BG, &ms.Title.EN, Date{&ms.Due}, Date{&ms.Completed}, &ms.Cancelled,
		&ms.Weight, &resp, &ms.Note, &ms.NoteEn, &ms.Evidence, &ms.NoteInternal, &ms.Version)
	ms.Responsible = model.Ref(resp.Int64)
	if m := b.measureOf(ms.MeasureID); m != nil {
		m.Milestones = append(m.Milestones, ms)
	}
	return err
}

func (b *Builder) kpi(r Scanner) error {
	var k model.KPI
	err := r.Scan(&k.ID, &k.MeasureID, &k.Name.BG, &k.Name.EN, &k.Unit.BG, &k.Unit.EN, text(&k.Kind), &k.BaselineValue,
		Date{&k.BaselineDate}, &k.TargetValue, Date{&k.TargetDate}, &k.Internal, &k.Version)
	if i, ok := b.measures[k.MeasureID]; ok {
		b.kpis[k.ID] = [2]int{i, len(b.d.Measures[i].KPIs)}
		b.d.Measures[i].KPIs = append(b.d.Measures[i].KPIs, k)
	}
	return err
}

func (b *Builder) kpiValue(r Scanner) error {
	var v model.KPIValue
	err := r.Scan(&v.ID, &v.KPIID, Date{&v.Date}, &v.Value, &v.Note, &v.Source, &v.Version)
	if at, ok := b.kpis[v.KPIID]; ok {
		k := &b.d.Measures[at[0]].KPIs[at[1]]
		k.Values = append(k.Values, v)
	}
	return err
}

func (b *Builder) update(r Scanner) error {
	var u model.Update
	var author sql.NullInt64
	err := r.Scan(&u.ID, &u.MeasureID, Date{&u.Date}, &author, &u.Text.BG, &u.Text.EN, &u.Internal, &u.Version)
	u.Author = model.Ref(author.Int64)
	if m := b.measureOf(u.MeasureID); m != nil {
		m.Updates = append(m.Updates, u)
	}
	return err
}

func (b *Builder) snapshot(r Scanner) error {
	var sn model.Snapshot
	var figures string
	err := r.Scan(&sn.ID, &sn.Name, Date{&sn.AsOf}, &sn.CreatedAt, &sn.CreatedBy, &sn.SHA256, &figures)
	sn.Figures = []byte(figures)
	b.d.Snapshots = append(b.d.Snapshots, sn)
	return err
}

func (b *Builder) adoption(r Scanner) error {
	var a model.Adoption
	if err := r.Scan(Date{&a.AdoptedOn}, &a.CouncilDecision.BG, &a.CouncilDecision.EN, &a.By, &a.At); err != nil {
		return err
	}
	b.d.Adoption = &a
	return nil
}

func (b *Builder) revision(r Scanner) error {
	var v model.Revision
	err := r.Scan(&v.ID, text(&v.Entity), &v.EntityID, &v.MeasureID, &v.Field, &v.Original, &v.Previous, &v.Current, &v.At, &v.By, &v.Reason.BG, &v.Reason.EN)
	b.d.Revisions = append(b.d.Revisions, v)
	return err
}

func (b *Builder) period(r Scanner) error {
	var p model.Period
	var openedBy, closedBy sql.NullInt64
	var reopened, returns, narrative string
	if err := r.Scan(&p.ID, &p.Name.BG, &p.Name.EN, Date{&p.Start}, Date{&p.End}, Date{&p.Due}, text(&p.State),
		&p.OpenedAt, &openedBy, &p.ClosedAt, &closedBy, &reopened, &returns, &narrative, &p.Version); err != nil {
		return err
	}
	p.OpenedBy, p.ClosedBy = model.Ref(openedBy.Int64), model.Ref(closedBy.Int64)
	for _, col := range []struct {
		name, text string
		into       any
	}{{"reopened", reopened, &p.Reopened}, {"returns", returns, &p.Returns}, {"narrative", narrative, &p.Narrative}} {
		if err := json.Unmarshal([]byte(col.text), col.into); err != nil {
			return model.Errorf(model.EINVALID, "period %d: its %s cannot be read: %v", p.ID, col.name, err)
		}
	}
	for i := range p.Returns {
		p.Returns[i].PeriodID = p.ID
	}
	for i := range p.Narrative {
		p.Narrative[i].PeriodID = p.ID
	}
	b.d.Periods = append(b.d.Periods, p)
	return nil
}

// ScanAudit reads one row of AuditQuery.
func ScanAudit(r Scanner) (model.AuditEntry, error) {
	var e model.AuditEntry
	err := r.Scan(&e.Seq, &e.At, &e.User, text(&e.Action), text(&e.Entity), &e.EntityID, &e.Field, &e.Old, &e.New, &e.PrevHash, &e.Hash)
	return e, err
}

// AuditQuery is the query of the audit entries that match f, oldest
// first (newest first when f.Limit is set), and its arguments.
func (dl Dialect) AuditQuery(f model.AuditFilter) (string, []any) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return dl.Param(len(args))
	}
	if f.User != "" {
		where = append(where, dl.Instr+"(lower("+dl.Col("user")+"), lower("+arg(f.User)+")) > 0")
	}
	if f.Entity != "" {
		where = append(where, "entity = "+arg(string(f.Entity)))
	}
	if f.EntityID != 0 {
		where = append(where, "entity_id = "+arg(f.EntityID))
	}
	if f.From != 0 {
		where = append(where, "at >= "+arg(f.From.String()))
	}
	if f.To != 0 {
		where = append(where, "at < "+arg(f.To.AddDays(1).String()))
	}
	q := "SELECT " + dl.cols(auditCols) + " FROM audit"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Limit > 0 {
		return q + " ORDER BY seq DESC LIMIT " + arg(f.Limit), args
	}
	return q + " ORDER BY seq", args
}
