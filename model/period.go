package model

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The reporting cycle (DESIGN.md §1.1): the office opens a period, asks
// every unit for an update through a template, sees who has answered,
// writes its narrative for the council and closes the period, which
// freezes a snapshot under the period's name.

// EntityPeriod names periods in audit entries and permission checks.
const EntityPeriod Entity = "period"

// PeriodState is whether a period is still collecting answers.
type PeriodState string

const (
	PeriodOpen   PeriodState = "open"
	PeriodClosed PeriodState = "closed"
)

// Period is one reporting period ("Q4 2026" / "IV тримесечие 2026").
type Period struct {
	ID       ID          `json:"id"`
	Name     Text        `json:"name"`
	Start    Date        `json:"start"`
	End      Date        `json:"end"`
	Due      Date        `json:"due"` // the units' answers are due on this day
	State    PeriodState `json:"state"`
	OpenedAt string      `json:"openedAt"` // UTC, RFC 3339
	OpenedBy Ref         `json:"openedBy"`
	ClosedAt string      `json:"closedAt"`
	ClosedBy Ref         `json:"closedBy"`
	// Reopened holds the reasons given each time the period was reopened.
	Reopened []Reopening `json:"reopened"`
	// Returns and Narrative are kept with the period (one row in the
	// file) and audited as its fields: they change with the period's own
	// steps, never on their own.
	Returns   []UnitReturn `json:"returns"`
	Narrative []Narrative  `json:"narrative"`
	Version   int64        `json:"-"`
}

// Reopening is one reopening of a closed period.
type Reopening struct {
	At     string `json:"at"`
	By     Ref    `json:"by"`
	Reason string `json:"reason"`
}

// UnitReturn is what the office knows of one unit's answer in a period.
type UnitReturn struct {
	ID         ID     `json:"id"`
	PeriodID   ID     `json:"-"`
	Unit       string `json:"unit"`      // unit code
	WrittenAt  string `json:"writtenAt"` // the template was written (UTC, RFC 3339)
	ReturnedAt string `json:"returnedAt"`
	ReturnedBy Ref    `json:"returnedBy"`
	Changes    int    `json:"changes"`
	FilledBy   string `json:"filledBy"` // as typed in the template's "filled in by" field
	Version    int64  `json:"-"`
}

// NarrativeKind is a part of the office's narrative of a period.
type NarrativeKind string

const (
	NarrativeCommentary NarrativeKind = "commentary"
	NarrativeHighlights NarrativeKind = "highlights"
	NarrativeRisks      NarrativeKind = "risks"
	NarrativeActions    NarrativeKind = "actions"
	NarrativeDecisions  NarrativeKind = "decisions" // decisions requested from the council
)

// NarrativeKinds lists every kind in the order reports show them.
var NarrativeKinds = []NarrativeKind{NarrativeCommentary, NarrativeHighlights, NarrativeRisks, NarrativeActions, NarrativeDecisions}

// Narrative is one text of a period's narrative: for the whole strategy
// (Area "") or for one priority area. A coordinator's proposal has
// ProposedBy set and AcceptedBy zero until the office accepts it.
type Narrative struct {
	ID         ID            `json:"id"`
	PeriodID   ID            `json:"-"`
	Area       string        `json:"area"` // area code, "" for the whole strategy
	Kind       NarrativeKind `json:"kind"`
	Text       Text          `json:"text"`
	ProposedBy Ref           `json:"proposedBy"`
	AcceptedBy Ref           `json:"acceptedBy"`
	Version    int64         `json:"-"`
}

// Accepted reports whether the text is the office's (written or accepted by it).
func (n *Narrative) Accepted() bool { return n.AcceptedBy != 0 || n.ProposedBy == 0 }

// Window is the span of dates whose updates count for the period: from its
// start to its end, or to the due date when that is later — units report
// on the period after it ends, before the due date.
func (p *Period) Window() (from, to Date) {
	to = p.End
	if p.Due > to {
		to = p.Due
	}
	return p.Start, to
}

// Label is the period's name in lang.
func (p *Period) Label(lang Lang) string { return p.Name.In(lang) }

// Validate checks a period on its own (DESIGN.md §1, §1.1).
func (p *Period) Validate() error {
	what := "period"
	if err := checkText(what, "name", p.Name, true, MaxName); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		d    Date
	}{{"start", p.Start}, {"end", p.End}, {"due", p.Due}} {
		if err := checkDue(what, f.name, f.d); err != nil {
			return err
		}
	}
	if p.End < p.Start {
		return fieldError(what, "end", "%s is before the start %s", p.End, p.Start)
	}
	if p.Due < p.Start {
		return fieldError(what, "due", "%s is before the start %s", p.Due, p.Start)
	}
	if p.State != PeriodOpen && p.State != PeriodClosed {
		return fieldError(what, "state", "%q is not open or closed", p.State)
	}
	for _, r := range p.Reopened {
		if strings.TrimSpace(r.Reason) == "" {
			return ruleError(RuleRequired, 0, what, "reopen reason", "is empty")
		}
		if err := checkString(what, "reopen reason", r.Reason, MaxNote); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks a narrative text.
func (n *Narrative) Validate() error {
	if !slices.Contains(NarrativeKinds, n.Kind) {
		return fieldError("narrative", "kind", "%q is not one of commentary, highlights, risks, actions, decisions", n.Kind)
	}
	return checkText("narrative", "text", n.Text, true, MaxNote)
}

// OpenPeriod returns the period that is open, or nil.
func (d *Doc) OpenPeriod() *Period {
	for i := range d.Periods {
		if d.Periods[i].State == PeriodOpen {
			return &d.Periods[i]
		}
	}
	return nil
}

// PeriodByID returns the period with the given id, or nil.
func (d *Doc) PeriodByID(id ID) *Period {
	for i := range d.Periods {
		if d.Periods[i].ID == id {
			return &d.Periods[i]
		}
	}
	return nil
}

// ValidatePeriods checks the periods of d: each on its own, one open at a
// time, names unique, returns naming known units once, narrative naming
// known areas.
func (d *Doc) ValidatePeriods() error {
	open := 0
	names := map[string]bool{}
	for i := range d.Periods {
		p := &d.Periods[i]
		if err := p.Validate(); err != nil {
			return err
		}
		if p.State == PeriodOpen {
			open++
		}
		if open > 1 {
			return Errorf(EINVALID, "period %q: another period is open; one period is open at a time", p.Name.In(BG))
		}
		key := strings.ToLower(strings.TrimSpace(p.Name.BG)) + "\x00" + strings.ToLower(strings.TrimSpace(p.Name.EN))
		if names[key] {
			return fieldError("period", "name", "%q is used by another period", p.Name.In(BG))
		}
		names[key] = true
		units := map[string]bool{}
		for _, r := range p.Returns {
			if d.Unit(r.Unit) == nil {
				return fieldError("period "+p.Name.In(BG), "unit", "%q is not a unit", r.Unit)
			}
			if units[r.Unit] {
				return fieldError("period "+p.Name.In(BG), "unit", "%q is listed twice", r.Unit)
			}
			units[r.Unit] = true
		}
		for j := range p.Narrative {
			n := &p.Narrative[j]
			if err := n.Validate(); err != nil {
				return err
			}
			if n.Area != "" && d.Area(n.Area) == nil {
				return fieldError("narrative", "area", "%q is not an area", n.Area)
			}
		}
	}
	return nil
}

// UnitReportState is where a unit stands in a period.
type UnitReportState string

const (
	UnitMissing  UnitReportState = "missing"  // no template written yet
	UnitWritten  UnitReportState = "written"  // a template was written, nothing returned
	UnitReturned UnitReportState = "returned" // a filled template was imported
)

// UnitReport is one unit's line of the period status.
type UnitReport struct {
	Unit       string          `json:"code"`
	State      UnitReportState `json:"state"`
	WrittenAt  string          `json:"writtenAt,omitempty"`
	ReturnedAt string          `json:"returnedAt"`
	ReturnedBy Ref             `json:"-"`
	Changes    int             `json:"changes"`
	Measures   []string        `json:"-"` // codes of the unit's measures still without an update
}

// PeriodStatus says who has reported in a period.
type PeriodStatus struct {
	Period                *Period
	Units                 []UnitReport
	MeasuresWithoutUpdate []string // codes, in code order
	Reported              int      // units that returned their template
	Expected              int      // units asked: those that lead a live measure
}

// ReportingUnits are the units asked for an update: those that lead a
// measure that is not cancelled, in code order.
func (d *Doc) ReportingUnits() []string {
	seen := map[string]bool{}
	var out []string
	for i := range d.Measures {
		m := &d.Measures[i]
		if m.Cancelled || seen[m.LeadUnit] {
			continue
		}
		seen[m.LeadUnit] = true
		out = append(out, m.LeadUnit)
	}
	slices.SortFunc(out, CompareCodes)
	return out
}

// UpdatedIn reports whether m has an update in the window: a progress
// update, a milestone completed, or a KPI value dated from..to.
func (m *Measure) UpdatedIn(from, to Date) bool {
	in := func(d Date) bool { return !d.IsZero() && d >= from && d <= to }
	for _, u := range m.Updates {
		if in(u.Date) {
			return true
		}
	}
	for _, ms := range m.Milestones {
		if in(ms.Completed) {
			return true
		}
	}
	for _, k := range m.KPIs {
		for _, v := range k.Values {
			if in(v.Date) {
				return true
			}
		}
	}
	return false
}

// Status computes who has reported in p. changed names the measures
// (by id) whose milestones were changed in the period according to the
// audit log — a note or evidence edited counts as an update too; it may
// be nil.
func (d *Doc) Status(p *Period, changed map[ID]bool) PeriodStatus {
	st := PeriodStatus{Period: p}
	from, to := p.Window()
	byUnit := map[string]*UnitReturn{}
	for i := range p.Returns {
		byUnit[p.Returns[i].Unit] = &p.Returns[i]
	}
	for _, code := range d.ReportingUnits() {
		ur := UnitReport{Unit: code, State: UnitMissing}
		if r := byUnit[code]; r != nil {
			ur.WrittenAt = r.WrittenAt
			if r.WrittenAt != "" {
				ur.State = UnitWritten
			}
			if r.ReturnedAt != "" {
				ur.State = UnitReturned
				ur.ReturnedAt, ur.ReturnedBy, ur.Changes = r.ReturnedAt, r.ReturnedBy, r.Changes
				st.Reported++
			}
		}
		st.Units = append(st.Units, ur)
	}
	st.Expected = len(st.Units)
	index := map[string]int{}
	for i, u := range st.Units {
		index[u.Unit] = i
	}
	for i := range d.Measures {
		m := &d.Measures[i]
		if m.Cancelled || m.UpdatedIn(from, to) || changed[m.ID] {
			continue
		}
		st.MeasuresWithoutUpdate = append(st.MeasuresWithoutUpdate, m.Code)
		if j, ok := index[m.LeadUnit]; ok {
			st.Units[j].Measures = append(st.Units[j].Measures, m.Code)
		}
	}
	slices.SortFunc(st.MeasuresWithoutUpdate, CompareCodes)
	return st
}

// PeriodTx is the part of every Tx that runs the reporting cycle.
type PeriodTx interface {
	// SavePeriod creates (ID 0) or updates a period with its returns and
	// narrative, checking the version, the roles (AuthorizePeriod) and the
	// rules (one open at a time, a closed period's narrative is locked).
	SavePeriod(p *Period) error
	// FreezeSnapshot makes a snapshot inside the transaction.
	FreezeSnapshot(name string, asOf Date) (*Snapshot, error)
}

// AuthorizePeriod decides whether actor may turn old into new (old nil:
// create). The office runs the cycle. A coordinator, importing the
// template of their unit, may record their own unit's return and propose
// narrative texts for areas of measures they coordinate; nothing else.
func AuthorizePeriod(d *Doc, actor *Person, old, new *Period) error {
	if actor == nil {
		return Errorf(EFORBIDDEN, "no acting person: say who makes the change")
	}
	switch actor.Role {
	case RoleOffice:
		return nil
	case RoleCoordinator:
	default:
		return Errorf(EFORBIDDEN, "%s may not change reporting periods: only the strategy office runs the reporting cycle", actor.Name.In(BG))
	}
	refuse := func(what string) error {
		return Errorf(EFORBIDDEN, "%s is a coordinator and may not %s: only the strategy office runs the reporting cycle", actor.Name.In(BG), what)
	}
	if old == nil {
		return refuse("open a reporting period")
	}
	if old.State != PeriodOpen {
		return refuse("report in a closed period")
	}
	if FirstPeriodFieldChange(old, new) != "" {
		return refuse("change " + FirstPeriodFieldChange(old, new) + " of a reporting period")
	}
	oldReturns := map[string]UnitReturn{}
	for _, r := range old.Returns {
		oldReturns[r.Unit] = r
	}
	for _, r := range new.Returns {
		if o, ok := oldReturns[r.Unit]; ok && o == r {
			continue
		}
		if r.Unit != actor.Unit {
			return refuse("record the return of unit " + r.Unit)
		}
	}
	if len(new.Returns) < len(old.Returns) {
		return refuse("remove a unit's return")
	}
	oldTexts := map[ID]Narrative{}
	for _, n := range old.Narrative {
		oldTexts[n.ID] = n
	}
	for _, n := range new.Narrative {
		if o, ok := oldTexts[n.ID]; ok {
			if o != n {
				return refuse("change the narrative")
			}
			delete(oldTexts, n.ID)
			continue
		}
		if n.ProposedBy != Ref(actor.ID) || n.AcceptedBy != 0 {
			return refuse("write the narrative other than as their own proposal")
		}
		if n.Area == "" || !coordinatesArea(d, actor, n.Area) {
			return refuse("propose text for area " + n.Area + ", which holds none of their measures")
		}
	}
	if len(oldTexts) > 0 {
		return refuse("remove narrative texts")
	}
	return nil
}

func coordinatesArea(d *Doc, p *Person, area string) bool {
	for i := range d.Measures {
		if d.Measures[i].Area == area && p.Coordinates(&d.Measures[i]) {
			return true
		}
	}
	return false
}

// FirstPeriodFieldChange names the first of a period's own fields (not its
// returns or narrative) that differs between a and b, or "".
func FirstPeriodFieldChange(a, b *Period) string {
	for _, c := range Diff(a, b) {
		if c.Field != "returns" && c.Field != "narrative" {
			return c.Field
		}
	}
	return ""
}

// renamePeriodCodes follows a unit's or area's new code into the periods'
// returns and narrative, as the file's foreign keys do for other rows.
func (d *Doc) renamePeriodCodes(entity Entity, old, new string) {
	for i := range d.Periods {
		p := &d.Periods[i]
		for j := range p.Returns {
			if entity == EntityUnit && p.Returns[j].Unit == old {
				p.Returns[j].Unit = new
			}
		}
		for j := range p.Narrative {
			if entity == EntityArea && p.Narrative[j].Area == old {
				p.Narrative[j].Area = new
			}
		}
	}
}

// CurrentPeriod is the open period, else the one closed last, else nil:
// the period the cycle's status speaks of.
func (d *Doc) CurrentPeriod() *Period {
	if p := d.OpenPeriod(); p != nil {
		return p
	}
	var last *Period
	for i := range d.Periods {
		if p := &d.Periods[i]; last == nil || p.ClosedAt > last.ClosedAt {
			last = p
		}
	}
	return last
}

// PeriodAt is the reporting period a report as of asOf belongs to: the
// one whose window (start to the later of end and due) holds asOf, else
// the latest one that started on or before asOf; nil when there is none.
// It depends on the date, unlike CurrentPeriod (the cycle's own state:
// the open period, else the one closed last), which the reporting cycle's
// steps and status speak of whatever the date.
func (d *Doc) PeriodAt(asOf Date) *Period {
	var best *Period
	for i := range d.Periods {
		p := &d.Periods[i]
		if from, to := p.Window(); asOf >= from && asOf <= to {
			if best == nil || p.Start > best.Start {
				best = p
			}
		}
	}
	if best != nil {
		return best
	}
	for i := range d.Periods {
		p := &d.Periods[i]
		if p.Start <= asOf && (best == nil || p.Start > best.Start) {
			best = p
		}
	}
	return best
}

// CycleFile names the files of one unit in a reporting period: its update
// template and its reminder draft.
type CycleFile struct {
	Unit     string // the unit's code
	Template string // file name of its update template (.xlsx)
	Reminder string // file name of its reminder draft (.eml)
}

// CycleFiles are the file names of the units' templates and reminders in
// period p, the same from the CLI and the app: the period's name (its
// first maxNameInFile characters) and the unit's code made safe for every
// system, then the unit's id, so that codes that read alike once made safe
// (ИТ-1, ИТ 1, ИТ/1) keep files of their own. Two names that would still
// be one file (letter case aside, as on Windows and macOS) are refused
// before anything is written.
func (d *Doc) CycleFiles(p *Period, units []string, lang Lang) ([]CycleFile, error) {
	out := make([]CycleFile, len(units))
	taken := map[string]string{}
	for i, code := range units {
		u := d.Unit(code)
		if u == nil {
			return nil, Errorf(ENOTFOUND, "unit %q does not exist", code)
		}
		name := func(word Text) string {
			return safeFileName(word.In(lang)+" "+firstRunes(p.Name.In(lang), maxNameInFile)+" "+code) + "-" + strconv.FormatInt(int64(u.ID), 10)
		}
		stem := name(T("шаблон", "template"))
		key := strings.ToLower(stem)
		if other, ok := taken[key]; ok {
			return nil, Errorf(EINVALID, "units %q and %q would have the same file name %q: change one of the codes", other, code, stem)
		}
		taken[key] = code
		out[i] = CycleFile{Unit: code, Template: stem + ".xlsx", Reminder: name(T("напомняне", "reminder")) + ".eml"}
	}
	return out, nil
}

// CycleFileOf is the CycleFile of one unit (see Doc.CycleFiles).
func (d *Doc) CycleFileOf(p *Period, unit string, lang Lang) (CycleFile, error) {
	fs, err := d.CycleFiles(p, []string{unit}, lang)
	if err != nil {
		return CycleFile{}, err
	}
	return fs[0], nil
}

// maxNameInFile bounds the period's name in a file name: with the word,
// a code of MaxCode characters and an id, the name stays well within the
// 255 bytes of a file name and Windows' 260 characters of a path.
const maxNameInFile = 40

func firstRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// safeFileName keeps letters (Cyrillic too), digits and '.', turning the
// rest into '-', so that the name is valid on every system.
func safeFileName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteRune('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-.")
}

// CheckPeriodSave applies the cycle's rules to saving p in d as actor,
// the same in every store: p valid, its version current, a closed period's
// narrative locked, the roles (AuthorizePeriod), and the rules over all
// periods. It returns the stored period (nil when p is new) and its index
// in d.Periods (-1 when new).
func CheckPeriodSave(d *Doc, actor *Person, p *Period) (old *Period, index int, err error) {
	if err := p.Validate(); err != nil {
		return nil, -1, err
	}
	index = slices.IndexFunc(d.Periods, func(x Period) bool { return x.ID == p.ID })
	if p.ID != 0 {
		if index < 0 {
			return nil, -1, NotFound(EntityPeriod, p.ID)
		}
		old = &d.Periods[index]
		if old.Version != p.Version {
			return nil, -1, ConflictError(EntityPeriod, p.ID, old.Version, p.Version)
		}
		a, _ := CanonicalJSON(old.Narrative)
		b, _ := CanonicalJSON(p.Narrative)
		if old.State == PeriodClosed && p.State == PeriodClosed && string(a) != string(b) {
			return nil, -1, Errorf(EINVALID, "period %q is closed: its narrative is locked; reopen it to change it", old.Name.In(BG))
		}
	} else {
		index = -1
	}
	if err := AuthorizePeriod(d, actor, old, p); err != nil {
		return nil, -1, err
	}
	// The rules over all periods: check the document as it would be.
	next := slices.Clone(d.Periods)
	if index >= 0 {
		next[index] = *p
	} else {
		next = append(next, *p)
	}
	check := Doc{Units: d.Units, Areas: d.Areas, Periods: next}
	if err := check.ValidatePeriods(); err != nil {
		return nil, -1, err
	}
	return old, index, nil
}
