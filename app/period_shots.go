//go:build screenshots

package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"strategytracker/model"
)

// The reporting cycle in the screenshots (make screenshots runs the app on
// a fresh demo file, which has no period): the period of today's quarter
// is opened and about half of the units' returns recorded, so that the
// status list, the narrative and the dashboard's card show a cycle under way.

// stageCyclePeriod opens, in a file without periods, the period of
// today's quarter as the office, records every unit's template as
// written, the returns of every other unit (by its coordinator when it has
// one, with a proposal for the narrative from the first), and an
// executive commentary. A file that has periods is left as it is.
func stageCyclePeriod(ctx context.Context, store model.Store, today model.Date) error {
	d, err := store.Doc(ctx)
	if err != nil || len(d.Periods) > 0 {
		return err
	}
	var office *model.Person
	for i := range d.People {
		if d.People[i].Role == model.RoleOffice {
			office = &d.People[i]
			break
		}
	}
	if office == nil {
		return model.Errorf(model.EINVALID, "the file has no office user to open a period")
	}
	at := today.Time().Add(9 * time.Hour)
	units := d.ReportingUnits()
	var period *model.Period
	err = store.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		var err error
		if period, err = model.OpenReportingPeriod(tx, suggestedPeriod(d, today), office.ID, at.AddDate(0, 0, -50)); err != nil {
			return err
		}
		if _, err = model.RecordTemplatesWritten(tx, units, at.AddDate(0, 0, -45)); err != nil {
			return err
		}
		_, err = model.SetNarrative(tx, "", model.NarrativeCommentary, model.T(
			"Изпълнението на стратегията напредва, но част от мерките в транспорта изостават от графика; предлагаме мерки за наваксване.",
			"The strategy is progressing, but some transport measures are behind schedule; we propose measures to catch up."), office.ID)
		return err
	})
	if err != nil {
		return err
	}
	proposed := false
	for i, unit := range units {
		if i%2 == 1 {
			continue
		}
		actor, r := office, model.Return{PeriodID: period.ID, Unit: unit, Changes: 2 + i%5}
		for j := range d.People {
			if p := &d.People[j]; p.Unit == unit && p.Role == model.RoleCoordinator {
				actor = p
				break
			}
		}
		if actor != office && !proposed {
			for k := range d.Measures {
				if m := &d.Measures[k]; actor.Coordinates(m) && !m.Cancelled {
					r.Proposals = []model.Narrative{{Area: m.Area, Kind: model.NarrativeRisks, Text: model.T(
						"Доставката на оборудването се забавя с около два месеца; искаме удължаване на срока на етапа.",
						"The equipment's delivery is about two months late; we ask for a later due date of the milestone.")}}
					proposed = true
					break
				}
			}
		}
		if err := store.Update(ctx, actor.ID, model.ActionUpdate, "", func(tx model.Tx) error {
			return model.RecordReturn(tx, r, actor.ID, at.AddDate(0, 0, -10+i))
		}); err != nil {
			return err
		}
	}
	return nil
}

// periodShots are the reporting cycle's screenshots for takeScreenshots;
// each show runs on the UI goroutine.
func (u *UI) periodShots() []shot {
	return []shot{
		{"period", func() {
			u.hideDialogs()
			if u.doc != nil && len(u.doc.Periods) == 0 {
				if err := stageCyclePeriod(context.Background(), u.store, u.today); err != nil {
					fyne.LogError("screenshots: reporting period", err)
				}
				if d, err := u.store.Doc(context.Background()); err == nil {
					u.setDoc(d)
				}
			}
			u.showScreen(screenPeriod)
			u.period.tabs.SelectIndex(0)
		}},
		{"period-narrative", func() {
			u.period.tabs.SelectIndex(1)
			u.period.narrative.showProposed()
		}},
		{"period-close", func() {
			u.period.tabs.SelectIndex(0)
			u.period.onClose()
		}},
		{"period-open", func() {
			u.hideDialogs()
			u.period.onOpen()
		}},
		{"dashboard-cycle", func() {
			u.hideDialogs()
			u.showScreen(screenDashboard)
		}},
	}
}

// periodSizedShots are the reporting cycle at the smallest window the
// app is laid out for and at a 1366×768 screen: first as the council
// member the shots before them chose sees it, then as the office. They
// end takeScreenshots' round of a language, which sets the size again.
func (u *UI) periodSizedShots() []shot {
	asOffice := func() {
		for _, p := range u.doc.People {
			if p.Role == model.RoleOffice {
				u.setUser(p.ID)
				break
			}
		}
	}
	return []shot{
		{"council-period-1024", func() {
			u.hideDialogs()
			u.showScreen(screenPeriod)
			u.period.tabs.SelectIndex(0)
		}},
		{"period-1024", func() {
			asOffice()
			u.showScreen(screenPeriod)
			u.period.tabs.SelectIndex(0)
		}},
		{"period-narrative-1024", func() {
			u.period.tabs.SelectIndex(1)
			u.period.narrative.showProposed()
		}},
		{"dashboard-cycle-1024", func() { u.showScreen(screenDashboard) }},
		{"period-1366", func() {
			u.win.Resize(fyne.NewSize(1366, 768))
			u.showScreen(screenPeriod)
			u.period.tabs.SelectIndex(0)
		}},
		{"period-narrative-1366", func() {
			u.period.tabs.SelectIndex(1)
			u.period.narrative.showProposed()
		}},
		{"dashboard-cycle-1366", func() { u.showScreen(screenDashboard) }},
	}
}

// showProposed shows the first area with a coordinator's proposal.
func (n *narrativeEditor) showProposed() {
	p := n.s.period
	if p == nil {
		return
	}
	for _, x := range p.Narrative {
		if !x.Accepted() {
			for i, c := range n.codes {
				if c == x.Area {
					n.area.SetSelectedIndex(i)
					return
				}
			}
		}
	}
}
