package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The steps of the reporting cycle, run inside Store.Update. Each checks
// the cycle's rules and leaves the audited write to the store's PeriodTx.

// NewPeriod is what the office gives to open a period.
type NewPeriod struct {
	Name            Text
	Start, End, Due Date
}

func stamp(at time.Time) string { return at.UTC().Format(time.RFC3339) }

// OpenReportingPeriod opens a period; another open one refuses it.
func OpenReportingPeriod(tx Tx, np NewPeriod, actor ID, at time.Time) (*Period, error) {
	d := tx.Doc()
	if open := d.OpenPeriod(); open != nil {
		return nil, Errorf(EINVALID, "period %q is open: close it before opening another (one period is open at a time)", open.Name.In(BG))
	}
	if np.Name.BG == "" {
		np.Name.BG = np.Name.EN
	}
	if np.Name.EN == "" {
		np.Name.EN = np.Name.BG
	}
	for i := range d.Periods {
		if strings.EqualFold(d.Periods[i].Name.BG, np.Name.BG) || strings.EqualFold(d.Periods[i].Name.EN, np.Name.EN) {
			return nil, Errorf(EINVALID, "period %q already exists: choose another name", np.Name.In(BG))
		}
	}
	p := &Period{Name: np.Name, Start: np.Start, End: np.End, Due: np.Due, State: PeriodOpen,
		OpenedAt: stamp(at), OpenedBy: Ref(actor), Reopened: []Reopening{}, Returns: []UnitReturn{}, Narrative: []Narrative{}}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, tx.SavePeriod(p)
}

// requireOpen returns a copy of the open period, or an error naming the step.
func requireOpen(d *Doc, step string) (*Period, error) {
	open := d.OpenPeriod()
	if open == nil {
		if last := lastClosed(d); last != nil {
			return nil, Errorf(EINVALID, "no reporting period is open (%q is closed and its narrative locked): reopen it or open a new one before you %s", last.Name.In(BG), step)
		}
		return nil, Errorf(EINVALID, "no reporting period is open: open one before you %s", step)
	}
	p := clonePeriod(open)
	return &p, nil
}

func clonePeriod(p *Period) Period {
	c := *p
	c.Reopened = append([]Reopening{}, p.Reopened...)
	c.Returns = append([]UnitReturn{}, p.Returns...)
	c.Narrative = append([]Narrative{}, p.Narrative...)
	return c
}

// ClosingSnapshotAsOf is the as-of date of the snapshot that closing
// freezes: the period's end, or today when it is closed before its end.
func ClosingSnapshotAsOf(p *Period, today Date) Date {
	if today < p.End {
		return today
	}
	return p.End
}

// CloseReportingPeriod closes the open period, locks its narrative and
// freezes a snapshot under its name.
func CloseReportingPeriod(tx Tx, actor ID, at time.Time) (*Period, *Snapshot, error) {
	d := tx.Doc()
	p, err := requireOpen(d, "close it")
	if err != nil {
		if last := lastClosed(d); last != nil {
			return nil, nil, Errorf(EINVALID, "period %q is already closed", last.Name.In(BG))
		}
		return nil, nil, err
	}
	p.State, p.ClosedAt, p.ClosedBy = PeriodClosed, stamp(at), Ref(actor)
	if err := tx.SavePeriod(p); err != nil {
		return nil, nil, err
	}
	sn, err := tx.FreezeSnapshot(ClosingSnapshotName(d, p), ClosingSnapshotAsOf(p, DateOf(at)))
	return p, sn, err
}

// ClosingSnapshotName is the name CloseReportingPeriod gives the snapshot
// of closing p: the period's name in Bulgarian, the file's language of
// record (a snapshot's name is one string, the key the reports and the
// command line know it by), numbered "(2)", "(3)"… when a snapshot
// already has it. SnapshotName shows it in the reader's language.
func ClosingSnapshotName(d *Doc, p *Period) string {
	name := p.Name.In(BG)
	for n := 2; snapshotExists(d, name); n++ {
		name = fmt.Sprintf("%s (%d)", p.Name.In(BG), n)
	}
	return name
}

// SnapshotName is a snapshot's name as a screen or report in lang shows
// it: the name of a period's closing snapshot (ClosingSnapshotName) is
// that period's name in lang, numbered the same way; any other name is
// the one the user typed, as typed.
func (d *Doc) SnapshotName(name string, lang Lang) string {
	if lang == BG {
		return name
	}
	for _, p := range d.Periods {
		base := p.Name.In(BG)
		if base == "" {
			continue
		}
		if name == base {
			return p.Name.In(lang)
		}
		if n, ok := strings.CutPrefix(name, base+" ("); ok {
			if k, err := strconv.Atoi(strings.TrimSuffix(n, ")")); err == nil && strings.HasSuffix(n, ")") && k >= 2 {
				return fmt.Sprintf("%s (%d)", p.Name.In(lang), k)
			}
		}
	}
	return name
}

func snapshotExists(d *Doc, name string) bool {
	for _, s := range d.Snapshots {
		if s.Name == name {
			return true
		}
	}
	return false
}

func lastClosed(d *Doc) *Period {
	var last *Period
	for i := range d.Periods {
		p := &d.Periods[i]
		if p.State == PeriodClosed && (last == nil || p.ClosedAt > last.ClosedAt) {
			last = p
		}
	}
	return last
}

// ReopenReportingPeriod reopens the period closed last, with a reason.
func ReopenReportingPeriod(tx Tx, reason string, actor ID, at time.Time) (*Period, error) {
	d := tx.Doc()
	if strings.TrimSpace(reason) == "" {
		return nil, Errorf(EINVALID, "period reopen: the reason is empty: say why the period is reopened")
	}
	if open := d.OpenPeriod(); open != nil {
		return nil, Errorf(EINVALID, "period %q is open: only a closed period can be reopened", open.Name.In(BG))
	}
	last := lastClosed(d)
	if last == nil {
		return nil, Errorf(EINVALID, "no reporting period has been closed: there is nothing to reopen")
	}
	p := clonePeriod(last)
	p.State, p.ClosedAt, p.ClosedBy = PeriodOpen, "", 0
	p.Reopened = append(p.Reopened, Reopening{At: stamp(at), By: Ref(actor), Reason: strings.TrimSpace(reason)})
	return &p, tx.SavePeriod(&p)
}

// RecordTemplatesWritten notes that templates were written for units in
// the open period (a later writing keeps the first time).
func RecordTemplatesWritten(tx Tx, units []string, at time.Time) (*Period, error) {
	p, err := requireOpen(tx.Doc(), "write the units' templates")
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		r := p.returnOf(u)
		if r.WrittenAt == "" {
			r.WrittenAt = stamp(at)
		}
	}
	return p, tx.SavePeriod(p)
}

// returnOf returns the unit's return in p, adding an empty one.
func (p *Period) returnOf(unit string) *UnitReturn {
	for i := range p.Returns {
		if p.Returns[i].Unit == unit {
			return &p.Returns[i]
		}
	}
	var id ID
	for _, r := range p.Returns {
		id = max(id, r.ID)
	}
	p.Returns = append(p.Returns, UnitReturn{ID: id + 1, PeriodID: p.ID, Unit: unit})
	return &p.Returns[len(p.Returns)-1]
}

// Return is a filled template brought back by a unit.
type Return struct {
	PeriodID ID     // the period the template was written for
	Unit     string // the unit it was written for
	Changes  int    // how many changes its import made
	FilledBy string // the template's "filled in by" field
	// Proposals are the coordinators' narrative proposals from the template.
	Proposals []Narrative
}

// CheckReturnPeriod refuses a template written for another period than
// the open one, or for a closed one.
func CheckReturnPeriod(d *Doc, periodID ID) error {
	if periodID == 0 {
		return nil
	}
	p := d.PeriodByID(periodID)
	if p == nil {
		return Errorf(EINVALID, "the template was written for a reporting period that is not in this file")
	}
	if p.State != PeriodOpen {
		return Errorf(EINVALID, "the template was written for period %q, which is closed: ask the office to reopen it or make a new template", p.Name.In(BG))
	}
	return nil
}

// RecordReturn notes a unit's return in the period its template was
// written for, which must be open.
func RecordReturn(tx Tx, r Return, actor ID, at time.Time) error {
	d := tx.Doc()
	if err := CheckReturnPeriod(d, r.PeriodID); err != nil {
		return err
	}
	open := d.OpenPeriod()
	if open == nil || (r.PeriodID != 0 && open.ID != r.PeriodID) {
		return nil // a template outside the cycle: nothing to record
	}
	p := clonePeriod(open)
	ur := p.returnOf(r.Unit)
	ur.ReturnedAt, ur.ReturnedBy, ur.Changes, ur.FilledBy = stamp(at), Ref(actor), ur.Changes+r.Changes, r.FilledBy
	var id ID
	for _, n := range p.Narrative {
		id = max(id, n.ID)
	}
	for _, n := range r.Proposals {
		id++
		n.ID, n.PeriodID, n.ProposedBy, n.AcceptedBy = id, p.ID, Ref(actor), 0
		p.Narrative = append(p.Narrative, n)
	}
	return tx.SavePeriod(&p)
}

// SetNarrative writes the office's text of kind for area ("" for the
// whole strategy) in the open period, replacing the office's previous
// text; an empty text removes it. Proposals stay until accepted.
func SetNarrative(tx Tx, area string, kind NarrativeKind, text Text, actor ID) (*Period, error) {
	p, err := requireOpen(tx.Doc(), "write the narrative (a closed period's narrative is locked)")
	if err != nil {
		return nil, err
	}
	kept := p.Narrative[:0:0]
	for _, n := range p.Narrative {
		if !(n.Area == area && n.Kind == kind && n.Accepted()) {
			kept = append(kept, n)
		}
	}
	p.Narrative = kept
	if !text.IsEmpty() {
		var id ID
		for _, n := range p.Narrative {
			id = max(id, n.ID)
		}
		p.Narrative = append(p.Narrative, Narrative{ID: id + 1, PeriodID: p.ID, Area: area, Kind: kind, Text: text})
	}
	return p, tx.SavePeriod(p)
}

// AcceptProposal makes a coordinator's proposal the office's text.
func AcceptProposal(tx Tx, narrativeID ID, actor ID) (*Period, error) {
	p, err := requireOpen(tx.Doc(), "accept a proposal (a closed period's narrative is locked)")
	if err != nil {
		return nil, err
	}
	for i := range p.Narrative {
		if p.Narrative[i].ID == narrativeID {
			p.Narrative[i].AcceptedBy = Ref(actor)
			return p, tx.SavePeriod(p)
		}
	}
	return nil, Errorf(ENOTFOUND, "narrative text %d does not exist in period %q", narrativeID, p.Name.In(BG))
}
