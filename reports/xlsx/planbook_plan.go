package xlsx

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"strategytracker/model"
)

// PlanChange is one row of a plan workbook that adds or changes a row of
// the strategy.
type PlanChange struct {
	Sheet  string
	Row    int
	Op     model.Op // OpCreate or OpUpdate
	What   string   // `measure 1.2`, `milestone "Title" of measure 1.2`
	Entity model.Entity
	Name   model.Text // the row's code (goal, area, unit, measure) or its name in both languages
	Fields []model.FieldChange
	Reason model.Text // for a change of the adopted plan

	apply       func(tx model.Tx) error
	row         *bookRow
	measure     string     // the code of the measure the row is or belongs to
	fundingRows []*bookRow // a measure's rows on the Funding sheet
}

// MeasureCode is the code of the measure the row is or belongs to ("" for
// goals, areas, units and people).
func (c PlanChange) MeasureCode() string { return c.measure }

// String is the change for -dry-run: SHEET!ROW: add/change what: field old → new; …
func (c PlanChange) String() string {
	var parts []string
	for _, f := range c.Fields {
		if c.Op == model.OpCreate {
			parts = append(parts, f.Field+" "+f.New)
		} else {
			parts = append(parts, f.Field+" "+f.Old+" → "+f.New)
		}
	}
	verb := "change"
	if c.Op == model.OpCreate {
		verb = "add"
	}
	s := fmt.Sprintf("%s!%d: %s %s: %s", c.Sheet, c.Row, verb, c.What, strings.Join(parts, "; "))
	if !c.Reason.IsEmpty() {
		reason := strings.TrimSpace(c.Reason.BG + " / " + c.Reason.EN)
		s += " (reason: " + strings.Trim(reason, "/ ") + ")"
	}
	return s
}

// planBook checks b against d on today and returns the changes it would
// make, or the problems that refuse it (then nothing may be applied). Rows
// equal to the strategy's are skipped: importing the same workbook twice
// changes nothing the second time. databaseID is the store's: ids in the
// hidden column A count only in the file the workbook was made from. It
// changes neither d nor b.
func planBook(d *model.Doc, b *PlanBook, databaseID string, today model.Date) ([]PlanChange, Problems) {
	p := &planBuilder{d: d, b: b, today: today, sameFile: b.DatabaseID != "" && b.DatabaseID == databaseID,
		codes: map[string]map[string]int{}, people: map[string]int{}, seenPeople: map[model.ID]int{},
		seenMS: map[model.ID]bool{}, seenKPI: map[model.ID]bool{}, bad: map[*bookRow]bool{}, funding: map[string][]*bookRow{}}
	for _, sh := range b.sheets {
		for _, r := range sh.rows {
			p.bad[r] = r.bad
		}
	}
	p.collectKeys()
	p.goals()
	p.areas()
	p.units()
	p.persons()
	p.header() // after the people: its submitter may be one this workbook adds
	p.measures()
	p.milestones()
	p.kpis()
	if all := append(slices.Clone(b.read), p.problems...); len(all) > 0 {
		return nil, b.sorted(all)
	}
	return p.changes, nil
}

// sorted puts problems in the order of the sheets and rows.
func (b *PlanBook) sorted(all Problems) Problems {
	order := map[string]int{}
	for i, kind := range append([]string{pkHeader}, sheetKinds()...) {
		if sh := b.sheets[kind]; sh != nil {
			order[sh.name] = i
		}
	}
	slices.SortStableFunc(all, func(x, y Problem) int {
		if c := order[x.Sheet] - order[y.Sheet]; c != 0 {
			return c
		}
		return x.Row - y.Row
	})
	return all
}

func sheetKinds() []string {
	kinds := make([]string, len(planSheets))
	for i, s := range planSheets {
		kinds[i] = s.kind
	}
	return kinds
}

// applyPlan makes the changes inside tx, in the order of the workbook's
// sheets. A change the store refuses is reported at its row (and cell);
// the changes after it are still tried, so that one run names every
// refusal, except those of rows that depend on a refused measure. The
// transaction is rolled back when anything was refused.
func applyPlan(tx model.Tx, b *PlanBook, changes []PlanChange) (Problems, error) {
	var problems Problems
	failed := map[string]bool{} // measure codes
	for _, c := range changes {
		if c.measure != "" && failed[c.measure] {
			continue
		}
		err := c.apply(tx)
		if err == nil {
			continue
		}
		switch model.ErrorCode(err) {
		case model.EINVALID, model.EFORBIDDEN, model.ENOTFOUND:
		default:
			return nil, err // the store failed: nothing more can be tried
		}
		if c.measure != "" {
			failed[c.measure] = true
		}
		problems = append(problems, c.row.refusal(err, c.fundingRows))
	}
	if len(problems) > 0 {
		return b.sorted(problems), nil
	}
	return nil, nil
}

type planBuilder struct {
	d          *model.Doc
	b          *PlanBook
	today      model.Date
	sameFile   bool
	problems   Problems
	changes    []PlanChange
	codes      map[string]map[string]int // kind → code → row in the workbook (0: only in the strategy)
	people     map[string]int            // person key (lower case) → row
	seenPeople map[model.ID]int
	seenMS     map[model.ID]bool
	seenKPI    map[model.ID]bool
	bad        map[*bookRow]bool     // rows refused while reading or planning
	funding    map[string][]*bookRow // measure code → its Funding rows
}

func (p *planBuilder) sheet(kind string) *bookSheet { return p.b.sheets[kind] }

func (p *planBuilder) rowProblem(r *bookRow, m model.Text, args ...any) {
	p.bad[r] = true
	p.problems = append(p.problems, Problem{Sheet: r.sheet.name, Row: r.row, Message: say(p.b.Lang, m, args...)})
}

// collectKeys gathers the codes and people the workbook and the strategy
// hold, so that a row may refer to one added in another sheet.
func (p *planBuilder) collectKeys() {
	add := func(kind, code string) {
		if p.codes[kind] == nil {
			p.codes[kind] = map[string]int{}
		}
		p.codes[kind][code] = 0
	}
	for _, g := range p.d.Goals {
		add(pkGoals, g.Code)
	}
	for _, a := range p.d.Areas {
		add(pkAreas, a.Code)
	}
	for _, u := range p.d.Units {
		add(pkUnits, u.Code)
	}
	for _, m := range p.d.Measures {
		add(pkMeasures, m.Code)
	}
	for _, kind := range []string{pkGoals, pkAreas, pkUnits, pkMeasures} {
		for _, r := range p.sheet(kind).rows {
			code := r.cell("code")
			if code == "" {
				continue
			}
			if prev := p.codes[kind][code]; prev > 0 {
				p.rowProblem(r, pmCodeTwice, r.where("code"), code, prev)
				continue
			}
			if p.codes[kind] == nil {
				p.codes[kind] = map[string]int{}
			}
			p.codes[kind][code] = r.row
		}
	}
	for i := range p.d.People {
		if k := personKey(&p.d.People[i]); k != "" {
			p.people[strings.ToLower(k)] = 0
		}
	}
	for _, r := range p.sheet(pkPeople).rows {
		key := r.cell("email")
		if key == "" {
			key = r.cell("nameBG")
		}
		if key == "" {
			continue
		}
		if prev := p.people[strings.ToLower(key)]; prev > 0 {
			p.rowProblem(r, pmUsedTwice, r.where("email"), key, prev)
			continue
		}
		p.people[strings.ToLower(key)] = r.row
	}
}

func (p *planBuilder) has(kind, code string) bool { _, ok := p.codes[kind][code]; return ok }

// integer is the whole number under key (0 when empty), reporting any other.
func (p *planBuilder) integer(r *bookRow, key string) int {
	n, ok := r.number(key)
	if ok && (n != math.Trunc(n) || math.Abs(n) > 1e6) {
		p.rowProblem(r, pmNotWhole, r.where(key), r.cell(key))
		return 0
	}
	return int(n)
}

// required is the trimmed cell under key, reporting it when empty.
func (p *planBuilder) required(r *bookRow, key string) string {
	v := r.cell(key)
	if v == "" {
		p.rowProblem(r, pmEmpty, r.where(key))
	}
	return v
}

// filled reports the cell key of row r as empty unless ok (it holds a
// value) or the row already has a problem (a cell that cannot be read).
func (p *planBuilder) filled(r *bookRow, ok bool, key string) {
	if !ok && !p.bad[r] {
		p.rowProblem(r, pmEmpty, r.where(key))
	}
}

// change records a change of a row; old is nil for a new row.
func (p *planBuilder) change(r *bookRow, what string, old, new any, reason model.Text, apply func(tx model.Tx) error) {
	c := PlanChange{Sheet: r.sheet.name, Row: r.row, What: what, apply: apply, row: r}
	if old == nil {
		c.Op = model.OpCreate
		c.Fields = model.Diff(zeroOf(new), new)
	} else {
		c.Op = model.OpUpdate
		c.Fields = model.Diff(old, new)
		if len(c.Fields) == 0 {
			return
		}
	}
	c.Reason = reason
	switch x := new.(type) {
	case *model.Strategy:
		c.Entity = model.EntityStrategy
	case *model.Goal:
		c.Entity, c.Name = model.EntityGoal, model.T(x.Code, x.Code)
	case *model.Area:
		c.Entity, c.Name = model.EntityArea, model.T(x.Code, x.Code)
	case *model.Unit:
		c.Entity, c.Name = model.EntityUnit, model.T(x.Code, x.Code)
	case *model.Person:
		c.Entity, c.Name = model.EntityPerson, x.Name
	case *model.Measure:
		c.Entity, c.Name = model.EntityMeasure, model.T(x.Code, x.Code)
		c.measure, c.fundingRows = x.Code, p.funding[x.Code]
	case *model.Milestone:
		c.Entity, c.Name = model.EntityMilestone, x.Title
		c.measure = r.cell("measure")
	case *model.KPI:
		c.Entity, c.Name = model.EntityKPI, x.Name
		c.measure = r.cell("measure")
	}
	p.changes = append(p.changes, c)
}

func zeroOf(v any) any {
	switch v.(type) {
	case *model.Goal:
		return &model.Goal{}
	case *model.Area:
		return &model.Area{}
	case *model.Unit:
		return &model.Unit{}
	case *model.Person:
		return &model.Person{}
	case *model.Measure:
		return &model.Measure{}
	case *model.Milestone:
		return &model.Milestone{}
	case *model.KPI:
		return &model.KPI{}
	}
	return v
}

// validated runs validate and reports its error on the row.
func (p *planBuilder) validated(r *bookRow, validate func() error) bool {
	return p.validatedWith(r, validate, nil)
}

// validatedWith is validated for a measure's row: errors about its funding
// go to their rows (funding).
func (p *planBuilder) validatedWith(r *bookRow, validate func() error, funding []*bookRow) bool {
	if err := validate(); err != nil {
		pr := r.refusal(err, funding)
		p.bad[r] = true
		p.problems = append(p.problems, pr)
		return false
	}
	return !p.bad[r]
}

// revised returns the reason of a change of the adopted plan, reporting a
// missing one; ok=false refuses the row.
func (p *planBuilder) revised(r *bookRow, entity model.Entity, old, new any) (model.Text, bool) {
	if p.d.Adoption == nil || old == nil {
		return model.Text{}, true
	}
	var fields []string
	for _, c := range p.d.PlanChanges(entity, model.Diff(old, new)) {
		fields = append(fields, model.RevisionFieldLabel(entity, c.Field, p.b.Lang))
	}
	if len(fields) == 0 {
		return model.Text{}, true
	}
	reason := p.reasonText(r)
	if reason.IsEmpty() {
		p.rowProblem(r, pmNeedsReason,
			r.where("reason"), strings.Join(fields, ", "), p.d.Adoption.AdoptedOn.Format(p.b.Lang))
		return model.Text{}, false
	}
	return reason, true
}

// reasonText is the row's reason of a change of the adopted plan: in
// Bulgarian and English; a workbook made before the English column has one
// column, in the workbook's language.
func (p *planBuilder) reasonText(r *bookRow) model.Text {
	if r.has("reasonEN") {
		return model.T(r.cell("reason"), r.cell("reasonEN"))
	}
	if p.b.Lang == model.EN {
		return model.T("", r.cell("reason"))
	}
	return model.T(r.cell("reason"), "")
}

func (p *planBuilder) header() {
	st := p.d.Strategy
	next := st
	submitter := func(*model.Doc) model.Ref { return next.Submitter }
	pending := "" // a submitter this workbook adds: named when it is saved
	for _, r := range p.sheet(pkHeader).rows {
		key := r.key
		set := map[string]*string{"titleBG": &next.Title.BG, "titleEN": &next.Title.EN, "shortTitleBG": &next.ShortTitle.BG,
			"shortTitleEN": &next.ShortTitle.EN, "visionBG": &next.Vision.BG, "visionEN": &next.Vision.EN,
			"councilDecisionBG": &next.CouncilDecision.BG, "councilDecisionEN": &next.CouncilDecision.EN}
		dates := map[string]*model.Date{"periodStart": &next.PeriodStart, "periodEnd": &next.PeriodEnd, "adoptedOn": &next.AdoptedOn}
		if s, ok := set[key]; ok {
			*s = r.text("value")
		} else if d, ok := dates[key]; ok {
			*d = r.date("value")
		} else if key == "submitter" {
			var resolve func(*model.Doc) model.Ref
			if next.Submitter, resolve = p.personRef(r, "value"); resolve != nil {
				submitter = resolve
				if next.Submitter == 0 && r.cell("value") != "" {
					pending = r.cell("value")
				}
			}
		} else {
			p.rowProblem(r, pmHeaderKey, key)
		}
	}
	rows := p.sheet(pkHeader).rows
	if len(rows) == 0 {
		return
	}
	r := rows[0]
	if !p.validated(r, next.Validate) {
		return
	}
	apply := func(tx model.Tx) error {
		s := next
		s.Version, s.Submitter = tx.Doc().Strategy.Version, submitter(tx.Doc())
		return tx.SaveStrategy(&s)
	}
	n := len(p.changes)
	p.change(r, "the strategy", &st, &next, model.Text{}, apply)
	if pending != "" {
		if len(p.changes) == n {
			p.changes = append(p.changes, PlanChange{Sheet: r.sheet.name, Row: r.row, Op: model.OpUpdate, What: "the strategy", Entity: model.EntityStrategy, apply: apply, row: r})
		}
		c := &p.changes[len(p.changes)-1]
		c.Fields = append(c.Fields, model.FieldChange{Field: "submitter", Old: model.FieldJSON(&st, "submitter"), New: strconv.Quote(pending)})
	}
}

func (p *planBuilder) goals() {
	for _, r := range p.sheet(pkGoals).rows {
		code := p.required(r, "code")
		var stored *model.Goal
		for i := range p.d.Goals {
			if p.d.Goals[i].Code == code {
				stored = &p.d.Goals[i]
			}
		}
		g := model.Goal{Code: code}
		if stored != nil {
			g = *stored
		}
		g.Title, g.Description = model.T(r.text("titleBG"), r.text("titleEN")), model.T(r.text("descriptionBG"), r.text("descriptionEN"))
		if p.bad[r] || !p.validated(r, g.Validate) {
			continue
		}
		p.change(r, "goal "+code, ptrOrNil(stored), &g, model.Text{}, func(tx model.Tx) error { x := g; return tx.SaveGoal(&x) })
	}
}

// ptrOrNil keeps a typed nil pointer from reading as a non-nil interface.
func ptrOrNil[T any](v *T) any {
	if v == nil {
		return nil
	}
	return v
}

func (p *planBuilder) areas() {
	for _, r := range p.sheet(pkAreas).rows {
		code := p.required(r, "code")
		stored := p.d.Area(code)
		a := model.Area{Code: code}
		if stored != nil {
			a = *stored
		}
		a.Title, a.Description = model.T(r.text("titleBG"), r.text("titleEN")), model.T(r.text("descriptionBG"), r.text("descriptionEN"))
		a.Order = p.integer(r, "order")
		if p.bad[r] || !p.validated(r, a.Validate) {
			continue
		}
		p.change(r, "area "+code, ptrOrNil(stored), &a, model.Text{}, func(tx model.Tx) error { x := a; return tx.SaveArea(&x) })
	}
}

func (p *planBuilder) units() {
	for _, r := range p.sheet(pkUnits).rows {
		code := p.required(r, "code")
		stored := p.d.Unit(code)
		u := model.Unit{Code: code}
		if stored != nil {
			u = *stored
		}
		u.Name = model.T(r.text("nameBG"), r.text("nameEN"))
		u.Kind = model.UnitKind(r.choice("kind"))
		p.filled(r, u.Kind != "", "kind")
		if p.bad[r] || !p.validated(r, u.Validate) {
			continue
		}
		p.change(r, "unit "+code, ptrOrNil(stored), &u, model.Text{}, func(tx model.Tx) error { x := u; return tx.SaveUnit(&x) })
	}
}

// findPerson finds the person a People row stands for.
func (p *planBuilder) findPerson(r *bookRow) *model.Person {
	if p.sameFile && r.id != 0 {
		if x := p.d.Person(r.id); x != nil {
			return x
		}
	}
	email, name := r.cell("email"), r.cell("nameBG")
	for i := range p.d.People {
		x := &p.d.People[i]
		if email != "" && model.EmailKey(x.Email) == model.EmailKey(email) || email == "" && x.Email == "" && name != "" && x.Name.BG == name {
			return x
		}
	}
	return nil
}

func (p *planBuilder) persons() {
	// The office users are saved first: a workbook that hands the office
	// role from one person to another keeps an office user at every step.
	first := len(p.changes)
	defer func() {
		slices.SortStableFunc(p.changes[first:], func(a, b PlanChange) int {
			return btoi(a.row.choice("role") != string(model.RoleOffice)) - btoi(b.row.choice("role") != string(model.RoleOffice))
		})
	}()
	for _, r := range p.sheet(pkPeople).rows {
		stored := p.findPerson(r)
		x := model.Person{}
		if stored != nil {
			if prev, dup := p.seenPeople[stored.ID]; dup {
				p.rowProblem(r, pmSamePerson, prev, stored.Name.In(p.b.Lang))
				continue
			}
			p.seenPeople[stored.ID] = r.row
			x = *stored
		}
		x.Name, x.Position = model.T(r.text("nameBG"), r.text("nameEN")), model.T(r.text("positionBG"), r.text("positionEN"))
		x.Unit, x.Email, x.Phone = p.required(r, "unit"), r.cell("email"), r.cell("phone")
		x.Role = model.Role(r.choice("role"))
		p.filled(r, x.Role != "", "role")
		if p.bad[r] || !p.validated(r, x.Validate) {
			continue
		}
		what := "person " + x.Name.In(p.b.Lang)
		p.change(r, what, ptrOrNil(stored), &x, model.Text{}, func(tx model.Tx) error {
			y := x
			if stored != nil {
				cur := tx.Doc().Person(stored.ID)
				if cur == nil {
					return gone(what)
				}
				y.Version = cur.Version
			}
			return tx.SavePerson(&y)
		})
	}
}

// personRef checks the person a row names by e-mail (or name) and returns
// a resolver that finds the id at apply time (the person may be new).
func (p *planBuilder) personRef(r *bookRow, key string) (model.Ref, func(d *model.Doc) model.Ref) {
	v := r.cell(key)
	if v == "" {
		return 0, func(*model.Doc) model.Ref { return 0 }
	}
	if _, ok := p.people[strings.ToLower(v)]; !ok {
		p.rowProblem(r, pmNobody, r.where(key), v, p.sheet(pkPeople).name)
		return 0, nil
	}
	resolve := func(d *model.Doc) model.Ref {
		for i := range d.People {
			if strings.EqualFold(personKey(&d.People[i]), v) {
				return model.Ref(d.People[i].ID)
			}
		}
		return 0
	}
	return resolve(p.d), resolve
}

func (p *planBuilder) measures() {
	funding := map[string][]model.Funding{}
	for _, r := range p.sheet(pkFunding).rows {
		code := p.required(r, "measure")
		f := model.Funding{Name: model.T(r.text("nameBG"), r.text("nameEN")), AmountCents: r.money("amount")}
		p.filled(r, r.cell("amount") != "", "amount")
		p.funding[code] = append(p.funding[code], r)
		if code != "" && !p.has(pkMeasures, code) {
			p.rowProblem(r, pmNoMeasure, r.where("measure"), code, p.sheet(pkMeasures).name)
		}
		if p.codes[pkMeasures][code] == 0 && code != "" && p.has(pkMeasures, code) {
			p.rowProblem(r, pmFundingApart, r.where("measure"), code, p.sheet(pkMeasures).name)
		}
		funding[code] = append(funding[code], f)
	}
	for _, r := range p.sheet(pkMeasures).rows {
		code := p.required(r, "code")
		stored := p.d.MeasureByCode(code)
		m := model.Measure{Code: code}
		if stored != nil {
			m = *stored
			m.Milestones, m.KPIs, m.Updates = nil, nil, nil
		}
		m.Area, m.Goals = p.required(r, "area"), r.codes("goals")
		m.Title, m.Description = model.T(r.text("titleBG"), r.text("titleEN")), model.T(r.text("descriptionBG"), r.text("descriptionEN"))
		m.LeadUnit, m.Partners = p.required(r, "leadUnit"), r.codes("partners")
		var resolve func(*model.Doc) model.Ref
		m.Responsible, resolve = p.personRef(r, "responsible")
		m.Start, m.End = r.date("start"), r.date("end")
		p.filled(r, m.Start != 0, "start")
		p.filled(r, m.End != 0, "end")
		m.Weight = 1
		if w, ok := r.number("weight"); ok {
			m.Weight = w
		}
		m.ManualProgress, _ = r.number("manualProgress")
		m.PlannedCents, m.SpentCents = r.money("planned"), r.money("spent")
		m.Cancelled = r.yesNo("cancelled")
		m.Funding = funding[code]
		if m.Funding == nil {
			m.Funding = []model.Funding{}
		}
		m.Override = p.override(r, m.Override)
		slices.SortFunc(m.Goals, model.CompareCodes)
		slices.SortFunc(m.Partners, model.CompareCodes)
		if p.bad[r] || !p.validatedWith(r, m.Validate, p.funding[code]) {
			continue
		}
		var old any
		if stored != nil {
			o := *stored
			o.Milestones, o.KPIs, o.Updates = nil, nil, nil
			// An absent list is an empty one (a store may hold either).
			if o.Goals == nil {
				o.Goals = []string{}
			}
			if o.Partners == nil {
				o.Partners = []string{}
			}
			if o.Funding == nil {
				o.Funding = []model.Funding{}
			}
			old = &o
		}
		reason, ok := p.revised(r, model.EntityMeasure, old, &m)
		if !ok {
			continue
		}
		p.change(r, "measure "+code, old, &m, reason, func(tx model.Tx) error {
			x := m
			x.Responsible = resolve(tx.Doc())
			if stored != nil {
				cur := tx.Doc().Measure(stored.ID)
				if cur == nil {
					return gone("measure " + code)
				}
				x.Version = cur.Version
			}
			return p.withReason(tx, reason, func() error { return tx.SaveMeasure(&x) })
		})
	}
}

// override is the row's status override; stored is the measure's, whose
// English reason stays when the workbook has no English column.
func (p *planBuilder) override(r *bookRow, stored *model.Override) *model.Override {
	reasonEn := ""
	if stored != nil {
		reasonEn = stored.ReasonEn
	}
	if r.has("overrideReasonEN") {
		reasonEn = r.cell("overrideReasonEN")
	}
	if st := model.Status(r.choice("overrideStatus")); st != "" {
		return &model.Override{Status: st, Reason: r.cell("overrideReason"), ReasonEn: reasonEn}
	}
	if (r.cell("overrideReason") != "" || r.cell("overrideReasonEN") != "") && !p.bad[r] {
		p.rowProblem(r, pmReasonNoStatus, r.where("overrideReason"))
	}
	return nil
}

// withReason saves with the reason of a change of the adopted plan.
func (p *planBuilder) withReason(tx model.Tx, reason model.Text, save func() error) error {
	if reason.IsEmpty() {
		return save()
	}
	tx.SetRevisionReason(reason)
	defer tx.SetRevisionReason(model.Text{})
	return save()
}

// measureOf checks the measure a milestone or KPI row names.
func (p *planBuilder) measureOf(r *bookRow) (string, *model.Measure) {
	code := p.required(r, "measure")
	if code != "" && !p.has(pkMeasures, code) {
		p.rowProblem(r, pmNoMeasure, r.where("measure"), code, p.sheet(pkMeasures).name)
	}
	return code, p.d.MeasureByCode(code)
}

func measureID(d *model.Doc, code string) model.ID {
	if m := d.MeasureByCode(code); m != nil {
		return m.ID
	}
	return 0
}

func (p *planBuilder) milestones() {
	for _, r := range p.sheet(pkMilestones).rows {
		code, m := p.measureOf(r)
		title := model.T(r.text("titleBG"), r.text("titleEN"))
		var stored *model.Milestone
		if m != nil {
			stored = matchRow(p, r, m.Milestones, func(x *model.Milestone) (model.ID, model.Text) { return x.ID, x.Title }, title, p.seenMS)
		}
		ms := model.Milestone{}
		if stored != nil {
			ms = *stored
		}
		ms.Title = title
		ms.Due, ms.Completed, ms.Cancelled = r.date("due"), r.date("completed"), r.yesNo("cancelled")
		p.filled(r, ms.Due != 0, "due")
		ms.Weight = 1
		if w, ok := r.number("weight"); ok {
			ms.Weight = w
		}
		var resolve func(*model.Doc) model.Ref
		ms.Responsible, resolve = p.personRef(r, "responsible")
		ms.Note, ms.Evidence = r.text("note"), r.cell("evidence")
		if r.has("noteEN") {
			ms.NoteEn = r.text("noteEN")
		} else if stored != nil {
			ms.NoteEn = stored.NoteEn // a workbook made before the English column
		}
		if p.bad[r] || !p.validated(r, func() error { return ms.Validate(p.today) }) {
			continue
		}
		reason, ok := p.revised(r, model.EntityMilestone, ptrOrNil(stored), &ms)
		if !ok {
			continue
		}
		what := fmt.Sprintf("milestone %q of measure %s", title.In(p.b.Lang), code)
		p.change(r, what, ptrOrNil(stored), &ms, reason, func(tx model.Tx) error {
			x := ms
			x.Responsible = resolve(tx.Doc())
			if stored != nil {
				cur, _ := tx.Doc().MilestoneByID(stored.ID)
				if cur == nil {
					return gone(what)
				}
				x.Version = cur.Version
			} else {
				x.MeasureID = measureID(tx.Doc(), code)
			}
			return p.withReason(tx, reason, func() error { return tx.SaveMilestone(&x) })
		})
	}
}

// matchRow is the stored milestone or KPI (rows, of the measure the row
// names) that row r of the workbook is: the one with r's id when the
// workbook comes back to the file it was made from, else the first with
// its title (sameTitle); each stored row is matched once (seen).
func matchRow[T any](p *planBuilder, r *bookRow, rows []T, key func(*T) (model.ID, model.Text), title model.Text, seen map[model.ID]bool) *T {
	byID := p.sameFile && r.id != 0
	for i := range rows {
		id, t := key(&rows[i])
		if !seen[id] && (byID && id == r.id || !byID && sameTitle(t, title)) {
			seen[id] = true
			return &rows[i]
		}
	}
	return nil
}

// gone is the refusal of a change to a row (what) that was deleted
// between the plan and its application.
func gone(what string) error { return model.Errorf(model.ENOTFOUND, "%s no longer exists", what) }

func sameTitle(a, b model.Text) bool {
	return a.BG != "" && a.BG == b.BG || a.BG == "" && b.BG == "" && a.EN == b.EN
}

func (p *planBuilder) kpis() {
	for _, r := range p.sheet(pkKPIs).rows {
		code, m := p.measureOf(r)
		name := model.T(r.text("nameBG"), r.text("nameEN"))
		var stored *model.KPI
		if m != nil {
			stored = matchRow(p, r, m.KPIs, func(x *model.KPI) (model.ID, model.Text) { return x.ID, x.Name }, name, p.seenKPI)
		}
		k := model.KPI{}
		if stored != nil {
			k = *stored
			k.Values = nil
		}
		k.Name, k.Unit = name, model.T(r.text("unitBG"), r.text("unitEN"))
		k.Kind = model.KPIKind(r.choice("kind"))
		p.filled(r, k.Kind != "", "kind")
		var okB, okT bool
		k.BaselineValue, okB = r.number("baselineValue")
		k.TargetValue, okT = r.number("targetValue")
		p.filled(r, okB, "baselineValue")
		p.filled(r, okT, "targetValue")
		k.BaselineDate, k.TargetDate = r.date("baselineDate"), r.date("targetDate")
		p.filled(r, k.BaselineDate != 0, "baselineDate")
		if p.bad[r] || !p.validated(r, k.Validate) {
			continue
		}
		if stored != nil {
			for _, v := range stored.Values {
				if err := v.Validate(&k); err != nil {
					p.rowProblem(r, pmInvalidValue, modelMessage(err, p.b.Lang))
				}
			}
			if p.bad[r] {
				continue
			}
		}
		var old any
		if stored != nil {
			o := *stored
			o.Values = nil
			old = &o
		}
		reason, ok := p.revised(r, model.EntityKPI, old, &k)
		if !ok {
			continue
		}
		what := fmt.Sprintf("KPI %q of measure %s", name.In(p.b.Lang), code)
		p.change(r, what, old, &k, reason, func(tx model.Tx) error {
			x := k
			if stored != nil {
				cur, _ := tx.Doc().KPIByID(stored.ID)
				if cur == nil {
					return gone(what)
				}
				x.Version = cur.Version
			} else {
				x.MeasureID = measureID(tx.Doc(), code)
			}
			return p.withReason(tx, reason, func() error { return tx.SaveKPI(&x) })
		})
	}
}

// refusal is a model error about row r as a problem at that row and, when
// the error names a field of the sheet (model.Error.Field), at its cell; an
// error about a measure's funding source i is put on that source's row of
// the Funding sheet (funding, in order).
func (r *bookRow) refusal(err error, funding []*bookRow) Problem {
	msg := model.ErrorMessage(err)
	field := ""
	var e *model.Error
	if errors.As(err, &e) {
		field = e.Field
	}
	at := r
	if rest, ok := strings.CutPrefix(field, "funding["); ok {
		if n, after, ok := strings.Cut(rest, "]"); ok {
			if i, err := strconv.Atoi(n); err == nil && i < len(funding) {
				at, field = funding[i], strings.TrimPrefix(after, ".")
			}
		}
	}
	key := columnKey(field)
	if at.sheet.spec.kind == pkHeader {
		for _, h := range at.sheet.rows {
			if h.key == key {
				at, key = h, "value"
			}
		}
	}
	if _, ok := at.sheet.col[key]; ok && key != "" {
		msg = at.where(key) + ": " + msg
	}
	return Problem{Sheet: at.sheet.name, Row: at.row, Message: msg}
}

// columnKey is the plan column of a model field: "title.bg" → "titleBG",
// "plannedCents" → "planned", "override.status" → "overrideStatus".
func columnKey(field string) string {
	switch field {
	case "plannedCents":
		return "planned"
	case "spentCents":
		return "spent"
	case "amountCents":
		return "amount"
	case "override.status":
		return "overrideStatus"
	case "override.reason":
		return "overrideReason"
	}
	if f, ok := strings.CutSuffix(field, ".bg"); ok {
		return f + "BG"
	}
	if f, ok := strings.CutSuffix(field, ".en"); ok {
		return f + "EN"
	}
	return field
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
