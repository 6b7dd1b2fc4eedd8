package model

import (
	"encoding/json"
	"strings"
)

// ID identifies a row. Zero means "none" or "not yet stored".
type ID = int64

// Ref is an optional reference to a person by id; 0 is written as null.
type Ref int64

// MarshalJSON writes the id, or null for no reference.
func (r Ref) MarshalJSON() ([]byte, error) {
	if r == 0 {
		return []byte("null"), nil
	}
	return json.Marshal(int64(r))
}

// UnmarshalJSON reads an id or null.
func (r *Ref) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = 0
		return nil
	}
	var v int64
	if err := json.Unmarshal(b, &v); err != nil {
		return Errorf(EINVALID, "%s is not a person id", b)
	}
	*r = Ref(v)
	return nil
}

// Format is the identifier of the exchange format (DESIGN.md §5).
const Format = "strategytracker/2"

// FormatV1 is the exchange format before milestone notes and status-override
// reasons had an English text and the header a submitter (DESIGN.md §1.2):
// Decode reads it, with those texts in Bulgarian, and upgrades it to Format.
const FormatV1 = "strategytracker/1"

// Doc is one strategy file: the strategy and everything under it. It is the
// unit of export/load, of reports and of the rules of §2. Field order and
// JSON names follow the exchange format.
type Doc struct {
	Format    string     `json:"format"`
	Strategy  Strategy   `json:"strategy"`
	Goals     []Goal     `json:"goals"`
	Areas     []Area     `json:"areas"`
	Units     []Unit     `json:"units"`
	People    []Person   `json:"people"`
	Measures  []Measure  `json:"measures"`
	Snapshots []Snapshot `json:"snapshots"`
	// The adopted plan (DESIGN.md §1.1); absent until the plan is adopted.
	Adoption  *Adoption  `json:"adoption,omitempty"`
	Revisions []Revision `json:"revisions,omitempty"`
	Periods   []Period   `json:"periods,omitempty"`
}

// Strategy is the document's header.
type Strategy struct {
	Title           Text `json:"title"`
	ShortTitle      Text `json:"shortTitle"`
	Vision          Text `json:"vision"`
	PeriodStart     Date `json:"periodStart"`
	PeriodEnd       Date `json:"periodEnd"`
	AdoptedOn       Date `json:"adoptedOn"`
	CouncilDecision Text `json:"councilDecision"`
	// Submitter is the person who submits the council report (its
	// "Вносител" and "ОТ"): a person of the strategy, or none.
	Submitter Ref   `json:"submitter,omitempty"`
	Demo      bool  `json:"demo"`
	Version   int64 `json:"-"`
}

// Goal is a strategic objective.
type Goal struct {
	ID          ID     `json:"-"`
	Code        string `json:"code"`
	Title       Text   `json:"title"`
	Description Text   `json:"description"`
	Version     int64  `json:"-"`
}

// Area is a priority area; it holds measures.
type Area struct {
	ID          ID     `json:"-"`
	Code        string `json:"code"`
	Title       Text   `json:"title"`
	Description Text   `json:"description"`
	Order       int    `json:"order"`
	Version     int64  `json:"-"`
}

// UnitKind is the kind of an organisational unit.
type UnitKind string

const (
	UnitDirectorate      UnitKind = "directorate"
	UnitDistrict         UnitKind = "district"
	UnitMunicipalCompany UnitKind = "municipal_company"
	UnitAgency           UnitKind = "agency"
	UnitExternalPartner  UnitKind = "external_partner"
)

// UnitKinds lists every unit kind.
var UnitKinds = []UnitKind{UnitDirectorate, UnitDistrict, UnitMunicipalCompany, UnitAgency, UnitExternalPartner}

// Unit is an organisational unit.
type Unit struct {
	ID      ID       `json:"-"`
	Code    string   `json:"code"`
	Name    Text     `json:"name"`
	Kind    UnitKind `json:"kind"`
	Version int64    `json:"-"`
}

// Role decides what a person may change (DESIGN.md §3).
type Role string

const (
	RoleOffice      Role = "office"
	RoleCoordinator Role = "coordinator"
	RoleCouncil     Role = "council"
)

// Roles lists every role.
var Roles = []Role{RoleOffice, RoleCoordinator, RoleCouncil}

// Person is someone who acts on the strategy.
type Person struct {
	ID       ID     `json:"id"`
	Name     Text   `json:"name"`
	Position Text   `json:"position"`
	Unit     string `json:"unit"` // unit code
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	Role     Role   `json:"role"`

	// Public: the office allows the name to be published (site, open data).
	Public bool `json:"public,omitempty"`

	Version int64 `json:"-"`
}

// Funding is one funding source of a measure.
type Funding struct {
	Name        Text  `json:"name"`
	AmountCents int64 `json:"amountCents"`
}

// Override replaces a measure's computed status, with the reason shown in
// reports: Reason in Bulgarian, ReasonEn in English.
type Override struct {
	Status   Status `json:"status"`
	Reason   string `json:"reason"`
	ReasonEn string `json:"reasonEn,omitempty"`
}

// ReasonText is the override's reason in both languages.
func (o *Override) ReasonText() Text { return Text{BG: o.Reason, EN: o.ReasonEn} }

// Measure is the unit of work whose progress the strategy tracks.
type Measure struct {
	ID             ID        `json:"id"`
	Code           string    `json:"code"`
	Area           string    `json:"area"`  // area code
	Goals          []string  `json:"goals"` // goal codes
	Title          Text      `json:"title"`
	Description    Text      `json:"description"`
	LeadUnit       string    `json:"leadUnit"`    // unit code
	Responsible    Ref       `json:"responsible"` // person id
	Partners       []string  `json:"partners"`    // unit codes
	Start          Date      `json:"start"`
	End            Date      `json:"end"`
	Weight         float64   `json:"weight"`
	ManualProgress float64   `json:"manualProgress"`
	PlannedCents   int64     `json:"plannedCents"`
	SpentCents     int64     `json:"spentCents"`
	Funding        []Funding `json:"funding"`
	Cancelled      bool      `json:"cancelled"`
	Override       *Override `json:"override"`

	// Internal measures are never published. Visibility flags are written
	// only when set, so that public (the default) keeps older exports as they were.
	Internal bool `json:"internal,omitempty"`

	Milestones []Milestone `json:"milestones" audit:"-"`
	KPIs       []KPI       `json:"kpis" audit:"-"`
	Updates    []Update    `json:"updates" audit:"-"`
	Version    int64       `json:"-"`
}

// Milestone is a dated step of a measure; completions drive progress.
type Milestone struct {
	ID          ID      `json:"id"`
	MeasureID   ID      `json:"-"`
	Title       Text    `json:"title"`
	Due         Date    `json:"due"`
	Completed   Date    `json:"completed"`
	Cancelled   bool    `json:"cancelled"`
	Weight      float64 `json:"weight"`
	Responsible Ref     `json:"responsible"`
	Note        string  `json:"note"`             // in Bulgarian
	NoteEn      string  `json:"noteEn,omitempty"` // in English
	Evidence    string  `json:"evidence"`

	// NoteInternal keeps the note (both languages) out of what is published.
	NoteInternal bool `json:"noteInternal,omitempty"`

	Version int64 `json:"-"`
}

// NoteText is the milestone's note in both languages.
func (ms *Milestone) NoteText() Text { return Text{BG: ms.Note, EN: ms.NoteEn} }

// KPIKind is the kind of an indicator.
type KPIKind string

const (
	KPIOutput KPIKind = "output"
	KPIResult KPIKind = "result"
	KPIImpact KPIKind = "impact"
)

// KPIKinds lists every indicator kind.
var KPIKinds = []KPIKind{KPIOutput, KPIResult, KPIImpact}

// KPI is an indicator of a measure with a baseline, a target and measured values.
type KPI struct {
	ID            ID      `json:"id"`
	MeasureID     ID      `json:"-"`
	Name          Text    `json:"name"`
	Unit          Text    `json:"unit"`
	Kind          KPIKind `json:"kind"`
	BaselineValue float64 `json:"baselineValue"`
	BaselineDate  Date    `json:"baselineDate"`
	TargetValue   float64 `json:"targetValue"`
	TargetDate    Date    `json:"targetDate"`

	Internal bool `json:"internal,omitempty"` // never published

	Values  []KPIValue `json:"values" audit:"-"`
	Version int64      `json:"-"`
}

// KPIValue is one measured value of a KPI.
type KPIValue struct {
	ID      ID      `json:"id"`
	KPIID   ID      `json:"-"`
	Date    Date    `json:"date"`
	Value   float64 `json:"value"`
	Note    string  `json:"note"`
	Source  string  `json:"source"`
	Version int64   `json:"-"`
}

// Update is a dated progress narrative of a measure.
type Update struct {
	ID        ID   `json:"id"`
	MeasureID ID   `json:"-"`
	Date      Date `json:"date"`
	Author    Ref  `json:"author"`
	Text      Text `json:"text"`

	Internal bool `json:"internal,omitempty"` // never published

	Version int64 `json:"-"`
}

// Snapshot freezes the computed figures of every measure and milestone at
// an as-of date. Its figures never change after it is made.
type Snapshot struct {
	ID        ID              `json:"-"`
	Name      string          `json:"name"`
	AsOf      Date            `json:"asOf"`
	CreatedAt string          `json:"createdAt"` // UTC, RFC 3339
	CreatedBy string          `json:"createdBy"`
	SHA256    string          `json:"sha256"`
	Figures   json.RawMessage `json:"figures"`
}

// Lookups over a Doc. They scan: documents are small enough (2,000 measures)
// that maps would cost more to keep in sync than they save.

// Measure returns the measure with the given id, or nil.
func (d *Doc) Measure(id ID) *Measure {
	for i := range d.Measures {
		if d.Measures[i].ID == id {
			return &d.Measures[i]
		}
	}
	return nil
}

// MeasureByCode returns the measure with the given code, or nil.
func (d *Doc) MeasureByCode(code string) *Measure {
	for i := range d.Measures {
		if d.Measures[i].Code == code {
			return &d.Measures[i]
		}
	}
	return nil
}

// Person returns the person with the given id, or nil.
func (d *Doc) Person(id ID) *Person {
	for i := range d.People {
		if d.People[i].ID == id {
			return &d.People[i]
		}
	}
	return nil
}

// Unit returns the unit with the given code, or nil.
func (d *Doc) Unit(code string) *Unit {
	for i := range d.Units {
		if d.Units[i].Code == code {
			return &d.Units[i]
		}
	}
	return nil
}

// Area returns the area with the given code, or nil.
func (d *Doc) Area(code string) *Area {
	for i := range d.Areas {
		if d.Areas[i].Code == code {
			return &d.Areas[i]
		}
	}
	return nil
}

// FindPerson returns the person whose id, email or name (either language,
// any case) is ref. It returns nil, and the error says why, when nobody
// or more than one person answers to ref: acting as the wrong person would
// act with the wrong role.
func (d *Doc) FindPerson(ref string) (*Person, error) {
	if strings.TrimSpace(ref) == "" {
		return nil, Errorf(EINVALID, "no person named: give a name or e-mail")
	}
	var found []*Person
	for i := range d.People {
		p := &d.People[i]
		if equalFold(ref, p.Email) || equalFold(ref, p.Name.BG) || equalFold(ref, p.Name.EN) || strings.TrimSpace(ref) == itoa(p.ID) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return nil, Errorf(ENOTFOUND, "no person is called %q (use a name or e-mail)", ref)
	case 1:
		return found[0], nil
	}
	return nil, Errorf(EINVALID, "%d people answer to %q: use the e-mail address to say which", len(found), ref)
}

// MilestoneByID returns the milestone and its measure, or nils.
func (d *Doc) MilestoneByID(id ID) (*Milestone, *Measure) {
	for i := range d.Measures {
		m := &d.Measures[i]
		for j := range m.Milestones {
			if m.Milestones[j].ID == id {
				return &m.Milestones[j], m
			}
		}
	}
	return nil, nil
}

// KPIByID returns the KPI and its measure, or nils.
func (d *Doc) KPIByID(id ID) (*KPI, *Measure) {
	for i := range d.Measures {
		m := &d.Measures[i]
		for j := range m.KPIs {
			if m.KPIs[j].ID == id {
				return &m.KPIs[j], m
			}
		}
	}
	return nil, nil
}

// MilestoneCount returns the number of milestones of every measure.
func (d *Doc) MilestoneCount() int {
	n := 0
	for i := range d.Measures {
		n += len(d.Measures[i].Milestones)
	}
	return n
}
