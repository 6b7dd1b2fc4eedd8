//go:build screenshots

package app

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// The screens and dialogs the other screenshot lists leave out (issue 22:
// every screen looked at in both languages): the remaining Structure tabs
// and editors, the child forms of a measure, the calendar, the import
// previews, the file and connection dialogs; then the file after a real
// cycle (the plan adopted, a revision, a snapshot) as the office, a
// coordinator and a council member see it.

// screenshotSize is the window size of a round of screenshots: the
// environment's STRATEGYTRACKER_SCREENSHOT_SIZE ("1024x700"), else def.
func screenshotSize(def fyne.Size) fyne.Size {
	var w, h float32
	if s := os.Getenv("STRATEGYTRACKER_SCREENSHOT_SIZE"); s != "" {
		if n, _ := fmt.Sscanf(s, "%fx%f", &w, &h); n == 2 && w >= 400 && h >= 300 {
			return fyne.NewSize(w, h)
		}
	}
	return def
}

// reviewShots are the screens and dialogs the other lists leave out;
// last is the latest object a form or dialog gave observe.
func (u *UI) reviewShots(measureID model.ID, last func() any) []shot {
	m := func() *model.Measure { return u.doc.Measure(measureID) }
	return []shot{
		{"structure-goals", func() {
			u.hideDialogs()
			u.showScreen(screenStructure)
			u.structure.tabs.SelectIndex(0)
		}},
		{"structure-units", func() { u.structure.tabs.SelectIndex(2) }},
		{"structure-unit-form", func() {
			u.structure.units.Select(0)
			u.structure.onEdit(model.EntityUnit)
		}},
		{"structure-person-form", func() {
			u.hideDialogs()
			u.structure.tabs.SelectIndex(3)
			u.structure.people.Select(2)
			u.structure.onEdit(model.EntityPerson)
		}},
		{"structure-header", func() {
			u.hideDialogs()
			u.structure.onEditHeader()
		}},
		{"milestone-form", func() {
			u.hideDialogs()
			u.openMeasure(measureID)
			u.detail.tabs.SelectIndex(tabMilestones)
			if x := m(); x != nil && len(x.Milestones) > 0 {
				u.detail.milestones.onEdit(x.Milestones[len(x.Milestones)-1].ID)
			}
		}},
		{"datepicker", func() {
			if f, ok := last().(*milestoneForm); ok {
				if b, ok := f.due.ActionItem.(*widget.Button); ok {
					b.OnTapped()
				}
			}
		}},
		{"kpi-form", func() {
			u.hideDialogs()
			u.detail.tabs.SelectIndex(tabKPIs)
			if x := m(); x != nil && len(x.KPIs) > 0 {
				u.detail.kpis.openKPIForm(&x.KPIs[0])
			}
		}},
		{"kpi-value-form", func() {
			u.hideDialogs()
			if x := m(); x != nil && len(x.KPIs) > 0 {
				u.detail.kpis.openValueForm(x.KPIs[0].ID, nil)
			}
		}},
		{"update-form", func() {
			u.hideDialogs()
			u.detail.tabs.SelectIndex(tabUpdates)
			u.detail.updates.onAdd()
		}},
		{"error-model", func() {
			u.hideDialogs()
			row := *m()
			row.Title = model.T("", "")
			u.showError(tr("error.save"), row.Validate())
		}},
		{"snapshot-form", func() {
			u.hideDialogs()
			u.showScreen(screenReports)
			u.reports.onMakeSnapshot()
		}},
		{"import-preview", func() {
			u.hideDialogs()
			u.importWorkbook(shotName(u.lang, "актуализация.xlsx", "update.xlsx"), u.filledTemplate(measureID))
		}},
		{"plan-import-preview", func() {
			u.hideDialogs()
			u.importPlanBook(shotName(u.lang, "план.xlsx", "plan.xlsx"), u.changedPlanBook(measureID))
		}},
		{"file-open", func() {
			u.hideDialogs()
			u.onOpen()
		}},
		{"new-strategy", func() {
			u.hideDialogs()
			u.onNewStrategy()
		}},
		{"backup", func() {
			u.hideDialogs()
			u.onBackup()
		}},
		{"connect", func() {
			u.hideDialogs()
			u.showConnect("", nil)
		}},
	}
}

// shotName is a file name a person working in lang would give.
func shotName(lang model.Lang, bg, en string) string {
	return model.T(bg, en).In(lang)
}

// filledTemplate is the update template of the measure's lead unit as its
// coordinator fills it in: the first open milestone completed, a new KPI
// value.
func (u *UI) filledTemplate(measureID model.ID) []byte {
	d, err := u.store.Doc(context.Background())
	if err != nil {
		return nil
	}
	if x := d.Measure(measureID); x != nil {
		for i := range x.Milestones {
			if ms := &x.Milestones[i]; ms.Completed == 0 && !ms.Cancelled {
				ms.Completed = u.today
				ms.Note = "Приключи с подписан протокол"
				break
			}
		}
	}
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, d, u.store.DatabaseID(), "", xlsx.Options{Lang: u.lang, AsOf: u.today}); err != nil {
		fyne.LogError("screenshots: template", err)
	}
	return buf.Bytes()
}

// changedPlanBook is the plan workbook with the measure's end a year later
// and its title reworded.
func (u *UI) changedPlanBook(measureID model.ID) []byte {
	d, err := u.store.Doc(context.Background())
	if err != nil {
		return nil
	}
	if x := d.Measure(measureID); x != nil {
		x.End = x.End.AddDays(365)
		x.Title.BG += " (нова редакция)"
	}
	var buf bytes.Buffer
	if err := xlsx.WritePlanTemplate(&buf, d, u.store.DatabaseID(), xlsx.Options{Lang: u.lang}); err != nil {
		fyne.LogError("screenshots: plan workbook", err)
	}
	return buf.Bytes()
}

// stageAdoption marks the plan adopted and revises the measure's end with
// a reason, then freezes a snapshot, as the office: the file after a real
// cycle. A file already adopted is left as it is.
func stageAdoption(ctx context.Context, store model.Store, office model.ID, measureID model.ID, today model.Date) error {
	d, err := store.Doc(ctx)
	if err != nil || d.Adoption != nil {
		return err
	}
	err = store.Update(ctx, office, model.ActionUpdate, "", func(tx model.Tx) error {
		return tx.Adopt(&model.Adoption{AdoptedOn: today.AddDays(-30), CouncilDecision: model.T("Решение № 412 по Протокол № 18", "Decision No 412, Minutes No 18")})
	})
	if err != nil {
		return err
	}
	err = store.Update(ctx, office, model.ActionUpdate, "", func(tx model.Tx) error {
		m := tx.Doc().Measure(measureID)
		if m == nil {
			return nil
		}
		row := *m
		row.End = row.End.AddDays(90)
		tx.SetRevisionReason(model.T("Забавена обществена поръчка", "A delayed public procurement"))
		return tx.SaveMeasure(&row)
	})
	if err != nil {
		return err
	}
	return store.Update(ctx, office, model.ActionSnapshot, "", func(tx model.Tx) error {
		_, err := tx.FreezeSnapshot("Преглед "+today.Format(model.BG), today)
		return err
	})
}

// cycleShots show the file after a real cycle as the office, a
// coordinator of the measure's lead unit and a council member.
func (u *UI) cycleShots(measureID model.ID) []shot {
	as := func(role model.Role) {
		for _, p := range u.doc.People {
			if p.Role == role && (role != model.RoleCoordinator || u.doc.Measure(measureID) == nil || p.Coordinates(u.doc.Measure(measureID))) {
				u.setUser(p.ID)
				return
			}
		}
	}
	shots := []shot{
		{"cycle-structure", func() {
			u.hideDialogs()
			as(model.RoleOffice)
			if u.doc.Adoption == nil {
				if err := stageAdoption(context.Background(), u.store, u.me.ID, measureID, u.today); err != nil {
					fyne.LogError("screenshots: adoption", err)
				}
				if d, err := u.store.Doc(context.Background()); err == nil {
					u.setDoc(d)
				}
			}
			u.showScreen(screenStructure)
		}},
		{"cycle-revisions", func() {
			u.openMeasure(measureID)
			u.detail.tabs.SelectIndex(len(u.detail.tabs.Items) - 1)
		}},
		{"cycle-history", func() { u.detail.tabs.SelectIndex(tabHistory) }},
		{"cycle-reports", func() { u.showScreen(screenReports) }},
		{"cycle-audit", func() { u.showScreen(screenAudit) }},
		{"cycle-dashboard", func() { u.showScreen(screenDashboard) }},
	}
	for _, r := range []struct {
		name string
		role model.Role
	}{{"coordinator", model.RoleCoordinator}, {"council", model.RoleCouncil}} {
		shots = append(shots,
			shot{r.name + "-dashboard", func() {
				u.hideDialogs()
				as(r.role)
				u.showScreen(screenDashboard)
			}},
			shot{r.name + "-detail", func() { u.openMeasure(measureID) }},
			shot{r.name + "-milestones", func() { u.detail.tabs.SelectIndex(tabMilestones) }},
			shot{r.name + "-kpis", func() { u.detail.tabs.SelectIndex(tabKPIs) }},
			shot{r.name + "-structure", func() { u.showScreen(screenStructure) }},
			shot{r.name + "-period", func() { u.showScreen(screenPeriod) }},
			shot{r.name + "-reports", func() { u.showScreen(screenReports) }},
		)
	}
	return append(shots, shot{"office-again", func() { as(model.RoleOffice) }})
}
