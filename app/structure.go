package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// structureScreen shows what the strategy is made of: its goals, priority
// areas, organisational units and people with their roles.
type structureScreen struct {
	u      *UI
	root   fyne.CanvasObject
	tabs   *container.AppTabs
	header *widget.Label

	goals  *widget.List
	areas  *widget.List
	units  *widget.List
	people *widget.List

	goalRows, areaRows, unitRows, peopleRows [][2]string // title, details

	// Editing (structure_edit.go): the ids of the rows in list order, the
	// selected row of each list, the buttons and the latest dialogs.
	ed structureEditor
}

func newStructureScreen(u *UI) *structureScreen {
	s := &structureScreen{u: u}
	s.root = s.buildUI()
	return s
}

func (s *structureScreen) content() fyne.CanvasObject { return s.root }

// twoLineList is a list of a bold title and a wrapped line of details.
func twoLineList(rows *[][2]string) *widget.List {
	var l *widget.List
	l = widget.NewList(func() int { return len(*rows) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("title")
			title.TextStyle = fyne.TextStyle{Bold: true}
			title.Wrapping = fyne.TextWrapWord
			details := widget.NewLabel("details")
			details.Wrapping = fyne.TextWrapWord
			return container.NewVBox(title, details)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			r := (*rows)[i]
			box.Objects[0].(*widget.Label).SetText(r[0])
			d := box.Objects[1].(*widget.Label)
			d.SetText(r[1])
			if r[1] == "" {
				d.Hide()
			} else {
				d.Show()
			}
			l.SetItemHeight(i, box.MinSize().Height)
		})
	return l
}

func (s *structureScreen) buildUI() fyne.CanvasObject {
	s.header = widget.NewLabel("")
	s.header.Wrapping = fyne.TextWrapWord
	s.goals = twoLineList(&s.goalRows)
	s.areas = twoLineList(&s.areaRows)
	s.units = twoLineList(&s.unitRows)
	s.people = twoLineList(&s.peopleRows)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr("structure.goals"), theme.ConfirmIcon(), s.editable(model.EntityGoal, s.goals)),
		container.NewTabItemWithIcon(tr("structure.areas"), theme.GridIcon(), s.editable(model.EntityArea, s.areas)),
		container.NewTabItemWithIcon(tr("structure.units"), theme.HomeIcon(), s.editable(model.EntityUnit, s.units)),
		container.NewTabItemWithIcon(tr("structure.people"), theme.AccountIcon(), s.editable(model.EntityPerson, s.people)),
	)
	top := container.NewVBox(heading(tr("nav.structure")), s.header, s.headerBar())
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, s.tabs)
}

func (s *structureScreen) refresh() {
	u := s.u
	d, lang := u.doc, u.lang
	if d == nil {
		return
	}
	st := d.Strategy
	head := st.Title.In(lang)
	if p := st.PeriodStart.Format(lang) + " – " + st.PeriodEnd.Format(lang); st.PeriodStart != 0 {
		head += "\n" + tr("structure.period") + ": " + p
	}
	if c := st.CouncilDecision.In(lang); c != "" {
		head += "\n" + tr("structure.decision") + ": " + c
		if st.AdoptedOn != 0 && !strings.Contains(c, st.AdoptedOn.Format(model.BG)) && !strings.Contains(c, st.AdoptedOn.Format(model.EN)) {
			head += " (" + st.AdoptedOn.Format(lang) + ")"
		}
	}
	if v := st.Vision.In(lang); v != "" {
		head += "\n" + v
	}
	s.header.SetText(head + s.adoptionLine())

	perGoal, perArea, perUnit := map[string]int{}, map[string]int{}, map[string]int{}
	for _, m := range d.Measures {
		for _, g := range m.Goals {
			perGoal[g]++
		}
		perArea[m.Area]++
		perUnit[m.LeadUnit]++
	}
	s.ed.ids = map[model.Entity][]model.ID{}
	s.goalRows = s.goalRows[:0]
	for _, g := range d.Goals {
		s.ed.ids[model.EntityGoal] = append(s.ed.ids[model.EntityGoal], g.ID)
		s.goalRows = append(s.goalRows, [2]string{g.Code + " · " + g.Title.In(lang),
			joinNonEmpty(g.Description.In(lang), trn("structure.measures", perGoal[g.Code], perGoal[g.Code]))})
	}
	s.areaRows = s.areaRows[:0]
	for _, a := range model.SortedAreas(d.Areas) {
		s.ed.ids[model.EntityArea] = append(s.ed.ids[model.EntityArea], a.ID)
		s.areaRows = append(s.areaRows, [2]string{a.Code + " · " + a.Title.In(lang),
			joinNonEmpty(a.Description.In(lang), trn("structure.measures", perArea[a.Code], perArea[a.Code]))})
	}
	units := slices.Clone(d.Units)
	slices.SortFunc(units, func(a, b model.Unit) int { return strings.Compare(lower(a.Name.In(lang)), lower(b.Name.In(lang))) })
	s.unitRows = s.unitRows[:0]
	for _, un := range units {
		s.ed.ids[model.EntityUnit] = append(s.ed.ids[model.EntityUnit], un.ID)
		s.unitRows = append(s.unitRows, [2]string{un.Name.In(lang),
			un.Code + " · " + tr("unitkind."+string(un.Kind)) + " · " + trn("structure.leads", perUnit[un.Code], perUnit[un.Code])})
	}
	s.peopleRows = s.peopleRows[:0]
	for _, p := range d.People {
		s.ed.ids[model.EntityPerson] = append(s.ed.ids[model.EntityPerson], p.ID)
		details := []string{roleName(p.Role)}
		if pos := p.Position.In(lang); pos != "" {
			details = append(details, pos)
		}
		details = append(details, u.unitName(p.Unit))
		if p.Email != "" {
			details = append(details, p.Email)
		}
		if p.Phone != "" {
			details = append(details, p.Phone)
		}
		title := markInternal(p.Name.In(lang), p.Public, tr("field.public")) // visibility.go
		if u.me != nil && u.me.ID == p.ID {
			title += " (" + tr("structure.you") + ")"
		}
		s.peopleRows = append(s.peopleRows, [2]string{title, strings.Join(details, " · ")})
	}
	s.tabs.Items[0].Text = tr("structure.goals") + " (" + strconv.Itoa(len(d.Goals)) + ")"
	s.tabs.Items[1].Text = tr("structure.areas") + " (" + strconv.Itoa(len(d.Areas)) + ")"
	s.tabs.Items[2].Text = tr("structure.units") + " (" + strconv.Itoa(len(d.Units)) + ")"
	s.tabs.Items[3].Text = tr("structure.people") + " (" + strconv.Itoa(len(d.People)) + ")"
	s.tabs.Refresh()
	for _, l := range []*widget.List{s.goals, s.areas, s.units, s.people} {
		l.Refresh()
	}
	s.refreshEditing()
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}
