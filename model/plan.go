package model

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The adopted plan (DESIGN.md §1.1). Once the office marks the plan adopted,
// the plan's dates, targets and planned budgets have originals: a change of
// one of them needs a reason and is kept as a Revision. Status and progress
// keep using the current values; the originals are shown beside them.

const (
	EntityAdoption Entity = "adoption"
	EntityRevision Entity = "revision"
)

// Adoption is the baseline: when and by which council decision the plan
// was adopted, and who marked it so in the file.
type Adoption struct {
	AdoptedOn       Date   `json:"adoptedOn"`
	CouncilDecision Text   `json:"councilDecision"`
	By              string `json:"by"` // the audit label of who marked it
	At              string `json:"at"` // UTC, AuditTimeLayout
}

// Revision is one change of an adopted value. Original is the value in the
// adopted plan (the same for every revision of a field), Previous the value
// just before this change, Current the value it set. Values are written as
// in the exchange format: dates YYYY-MM-DD, money integer cents, numbers as
// JSON numbers.
type Revision struct {
	ID        ID     `json:"id"`
	Entity    Entity `json:"entity"`
	EntityID  ID     `json:"entityId"`
	MeasureID ID     `json:"measureId"`
	Field     string `json:"field"`
	Original  string `json:"original"`
	Previous  string `json:"previous"`
	Current   string `json:"current"`
	At        string `json:"at"`
	By        string `json:"by"`
	Reason    Text   `json:"reason"`
}

// ReasonNeeded is in the message of a change of the adopted plan refused
// for want of a reason, so that callers can ask for one.
const ReasonNeeded = "give a reason for the change"

// revisable lists, per entity, the fields (JSON names) of the adopted plan.
var revisable = map[Entity][]string{
	EntityMeasure:   {"end", "plannedCents"},
	EntityMilestone: {"due"},
	EntityKPI:       {"targetValue", "targetDate"},
}

// IsRevisable reports whether a change of entity's field changes the adopted plan.
func IsRevisable(entity Entity, field string) bool {
	return slices.Contains(revisable[entity], field)
}

// PlanChanges are the changes of a row of entity that alter d's adopted
// plan, and so need a reason and make revisions: none before the plan is
// adopted. The one rule for the save path (PrepareSave) and the plan
// workbook's import, which asks for the reason on the row.
func (d *Doc) PlanChanges(entity Entity, changes []FieldChange) []FieldChange {
	if d.Adoption == nil {
		return nil
	}
	var out []FieldChange
	for _, ch := range changes {
		if IsRevisable(entity, ch.Field) {
			out = append(out, ch)
		}
	}
	return out
}

// PlanTx is the part of every write transaction that knows the adopted plan.
type PlanTx interface {
	// Adopt marks the plan adopted; it is refused when it already is.
	Adopt(a *Adoption) error
	// SetRevisionReason gives the reason for the changes of adopted values
	// made by the saves that follow in this transaction. Without one, such
	// a change is refused.
	SetRevisionReason(reason Text)
}

// Validate checks an adoption: its date by the rule of the work's dates
// (checkDue, 2000–2100), its decision and author as every text.
func (a *Adoption) Validate() error {
	const what = "adoption"
	if err := checkDue(what, "adoptedOn", a.AdoptedOn); err != nil {
		return err
	}
	if err := checkText(what, "councilDecision", a.CouncilDecision, true, MaxTitle); err != nil {
		return err
	}
	return checkString(what, "by", a.By, MaxTitle)
}

// Validate checks a revision.
func (r *Revision) Validate() error {
	what := fmt.Sprintf("revision %d", r.ID)
	if !IsRevisable(r.Entity, r.Field) {
		return Errorf(EINVALID, "%s: %s %s is not a field of the adopted plan", what, r.Entity, r.Field)
	}
	if r.Reason.IsEmpty() {
		return ruleError(RuleRequired, 0, what, "reason", "is empty: a change of the adopted plan needs a reason")
	}
	if err := checkText(what, "reason", r.Reason, false, MaxNote); err != nil {
		return err
	}
	for _, f := range []struct{ key, v string }{{"original", r.Original}, {"previous", r.Previous}, {"current", r.Current}, {"by", r.By}, {"at", r.At}} {
		if err := checkString(what, f.key, f.v, MaxTitle); err != nil {
			return err
		}
	}
	return nil
}

// validatePlan checks the adoption and the revisions of d.
func (d *Doc) validatePlan() error {
	if d.Adoption != nil {
		if err := d.Adoption.Validate(); err != nil {
			return err
		}
	}
	if len(d.Revisions) > 0 && d.Adoption == nil {
		return Errorf(EINVALID, "revisions: the plan has revisions but was never adopted")
	}
	seen := map[ID]bool{}
	for i := range d.Revisions {
		r := &d.Revisions[i]
		if r.ID <= 0 || seen[r.ID] {
			return Errorf(EINVALID, "revision %d: id must be a positive number used once", r.ID)
		}
		seen[r.ID] = true
		if err := r.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// normalizePlan sorts the revisions by id (the order they were made in).
func (d *Doc) normalizePlan() {
	slices.SortStableFunc(d.Revisions, func(a, b Revision) int { return cmp.Compare(a.ID, b.ID) })
}

// RevisionValue turns a field change's JSON value into a revision's value.
func RevisionValue(raw string) string {
	var s string
	if strings.HasPrefix(raw, `"`) && json.Unmarshal([]byte(raw), &s) == nil {
		return s
	}
	if raw == "null" {
		return ""
	}
	return raw
}

// OriginalValue is the value of entity id's field in the adopted plan, or
// ok=false when the field was never revised (its current value is the original).
func (d *Doc) OriginalValue(entity Entity, id ID, field string) (string, bool) {
	for _, r := range d.Revisions {
		if r.Entity == entity && r.EntityID == id && r.Field == field {
			return r.Original, true
		}
	}
	return "", false
}

// latestRevision is the latest revision of entity id's field, or nil.
func (d *Doc) latestRevision(entity Entity, id ID, field string) *Revision {
	for i := len(d.Revisions) - 1; i >= 0; i-- {
		if r := &d.Revisions[i]; r.Entity == entity && r.EntityID == id && r.Field == field {
			return r
		}
	}
	return nil
}

// TakesBack reports whether change ch of r's field undoes r: it puts the
// value r replaced back (an undo, or the same change made by hand). Such a
// change removes r instead of recording a revision of its own, so that the
// revisions and their counts are the changes that stand.
func (r *Revision) TakesBack(ch FieldChange) bool {
	return ch.Field == r.Field && RevisionValue(ch.Old) == r.Current && RevisionValue(ch.New) == r.Previous
}

// MeasureRevisions returns the revisions of a measure and of its milestones
// and KPIs, oldest first.
func (d *Doc) MeasureRevisions(measureID ID) []Revision {
	var out []Revision
	for _, r := range d.Revisions {
		if r.MeasureID == measureID {
			out = append(out, r)
		}
	}
	return out
}

// RevisedMeasures counts the measures with at least one revision.
func (d *Doc) RevisedMeasures() int {
	seen := map[ID]bool{}
	for _, r := range d.Revisions {
		if d.Measure(r.MeasureID) != nil {
			seen[r.MeasureID] = true
		}
	}
	return len(seen)
}

// FormatRevisionValue writes a revision's value as people read it.
func FormatRevisionValue(field, v string, lang Lang) string {
	if v == "" {
		return "—"
	}
	switch field {
	case "end", "due", "targetDate":
		if d, err := ParseDate(v); err == nil {
			return d.Display(lang)
		}
	case "plannedCents":
		if c, err := strconv.ParseInt(v, 10, 64); err == nil {
			return FormatEUR(c, lang)
		}
	case "targetValue":
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return FormatValue(f, lang)
		}
	}
	return v
}

// RevisionFieldLabel names a revised field.
func RevisionFieldLabel(entity Entity, field string, lang Lang) string {
	bg, en := field, field
	switch entity + "." + Entity(field) {
	case "measure.end":
		bg, en = "крайният срок", "the end date"
	case "measure.plannedCents":
		bg, en = "планираният бюджет", "the planned budget"
	case "milestone.due":
		bg, en = "срокът на етапа", "the milestone's due date"
	case "kpi.targetValue":
		bg, en = "целевата стойност", "the target value"
	case "kpi.targetDate":
		bg, en = "срокът за целта", "the target date"
	}
	if lang == EN {
		return en
	}
	return bg
}

// Sentence describes the change the revision made: "крайният срок е
// удължен от 31.12.2025 на 30.06.2026 — причина: …", from the value just
// before it (Previous), which is the adopted one for a field's first
// revision, to the value it set.
func (r Revision) Sentence(lang Lang) string {
	orig := FormatRevisionValue(r.Field, r.Previous, lang)
	cur := FormatRevisionValue(r.Field, r.Current, lang)
	verb := "е променен"
	if r.Field == "end" || r.Field == "due" || r.Field == "targetDate" {
		if r.Current > r.Previous {
			verb = "е удължен"
		}
	}
	if r.Field == "targetValue" {
		verb = "е променена"
	}
	if lang == EN {
		return fmt.Sprintf("%s was changed from %s to %s — reason: %s", RevisionFieldLabel(r.Entity, r.Field, EN), orig, cur, r.Reason.In(EN))
	}
	return fmt.Sprintf("%s %s от %s на %s — причина: %s", RevisionFieldLabel(r.Entity, r.Field, BG), verb, orig, cur, r.Reason.In(BG))
}

// replayPlan replays the audit entry of an adoption or a revision (made or
// taken back).
func replayPlan(d *Doc, e AuditEntry) error {
	switch e.Entity {
	case EntityAdoption:
		var a Adoption
		if err := json.Unmarshal([]byte(e.New), &a); err != nil {
			return err
		}
		d.Adoption = &a
	case EntityRevision:
		if e.Action == ActionDelete {
			n := slices.IndexFunc(d.Revisions, func(r Revision) bool { return r.ID == e.EntityID })
			if n < 0 {
				return fmt.Errorf("no such row")
			}
			d.Revisions = slices.Delete(d.Revisions, n, n+1)
			return nil
		}
		var r Revision
		if err := json.Unmarshal([]byte(e.New), &r); err != nil {
			return err
		}
		d.Revisions = append(d.Revisions, r)
	}
	return nil
}

// diffPlan names the first difference of the adopted plan between want
// (the replayed log) and got (the file).
func diffPlan(want, got *Doc) string {
	w, _ := CanonicalJSON(want.Adoption)
	g, _ := CanonicalJSON(got.Adoption)
	if string(w) != string(g) {
		return fmt.Sprintf("the adoption is %s in the file, but the audit log says %s (changed outside the app)", shorten(string(g)), shorten(string(w)))
	}
	return diffLists("revision", want.Revisions, got.Revisions, func(r Revision) string { return itoa(r.ID) })
}

// NewStrategyDoc is an empty strategy whose only person is its office
// user, in a unit of the office (File › New, `strategytracker new`). The
// period runs five years from today.
func NewStrategyDoc(title Text, name, email, unitName string, today Date) *Doc {
	if strings.TrimSpace(unitName) == "" {
		unitName = "Дирекция „Стратегическо планиране“"
	}
	name = strings.TrimSpace(name)
	return &Doc{Format: Format,
		Strategy: Strategy{Title: title, ShortTitle: title, PeriodStart: today, PeriodEnd: today.AddDays(5 * 365)},
		Units:    []Unit{{Code: "OFFICE", Name: T(unitName, unitName), Kind: UnitDirectorate}},
		People:   []Person{{ID: 1, Name: T(name, name), Unit: "OFFICE", Email: strings.TrimSpace(email), Role: RoleOffice}},
	}
}
