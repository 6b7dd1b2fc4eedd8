package app

import (
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Editing the structure (issue 11): the strategy's header, goals, areas,
// units and people — add, edit, reorder, delete (refused while referred
// to, with an offer to reassign) — and marking the plan adopted. Every save
// goes through UI.save: one transaction, audited, one step of undo, with
// the conflict dialog when someone else changed the row meanwhile.

// structureEditor is the editing state of the Structure screen.
type structureEditor struct {
	ids      map[model.Entity][]model.ID // row ids in list order
	selected map[model.Entity]int        // selected list index, -1 none
	banner   *widget.Label
	add      map[model.Entity]*widget.Button
	edit     map[model.Entity]*widget.Button
	del      map[model.Entity]*widget.Button
	up, down *widget.Button // reorder areas
	header   *widget.Button
	adopt    *widget.Button

	lastForm   *structForm   // the latest add/edit form (tests)
	lastAdopt  *adoptForm    // the latest adoption form (tests)
	lastDelete *deleteDialog // the latest delete dialog (tests)
}

// editable puts the add/edit/delete bar of entity above its list.
func (s *structureScreen) editable(entity model.Entity, l *widget.List) fyne.CanvasObject {
	e := &s.ed
	if e.selected == nil {
		e.selected = map[model.Entity]int{}
		e.add, e.edit, e.del = map[model.Entity]*widget.Button{}, map[model.Entity]*widget.Button{}, map[model.Entity]*widget.Button{}
	}
	e.selected[entity] = -1
	l.OnSelected = func(i widget.ListItemID) { e.selected[entity] = i; s.refreshButtons() }
	l.OnUnselected = func(widget.ListItemID) { e.selected[entity] = -1; s.refreshButtons() }
	u := s.u
	e.add[entity] = widget.NewButtonWithIcon(tr("structure.add"), theme.ContentAddIcon(), func() { s.onAdd(entity) })
	e.edit[entity] = widget.NewButtonWithIcon(tr("action.edit"), theme.DocumentCreateIcon(), func() { s.onEdit(entity) })
	e.del[entity] = widget.NewButtonWithIcon(tr("measure.delete2"), theme.DeleteIcon(), func() { s.onDelete(entity) })
	bar := container.NewHBox(e.add[entity], e.edit[entity], e.del[entity])
	if entity == model.EntityArea {
		e.up = widget.NewButtonWithIcon(tr("structure.up"), theme.MoveUpIcon(), func() { s.onMove(-1) })
		e.down = widget.NewButtonWithIcon(tr("structure.down"), theme.MoveDownIcon(), func() { s.onMove(1) })
		newMeasure := widget.NewButtonWithIcon(tr("measure.new_measure_area"), theme.ContentAddIcon(), func() {
			if id := s.selectedID(model.EntityArea); id != 0 {
				for _, a := range u.doc.Areas {
					if a.ID == id {
						u.onNewMeasure(a.Code)
					}
				}
			}
		})
		e.add["measure"] = newMeasure
		bar.Add(e.up)
		bar.Add(e.down)
		bar.Add(newMeasure)
	}
	return container.NewBorder(bar, nil, nil, nil, l)
}

// headerBar holds the buttons of the strategy header and the lock banner.
func (s *structureScreen) headerBar() fyne.CanvasObject {
	s.ed.banner = lockBanner()
	s.ed.header = widget.NewButtonWithIcon(tr("structure.edit_header"), theme.DocumentCreateIcon(), s.onEditHeader)
	s.ed.adopt = widget.NewButtonWithIcon(tr("structure.mark_plan_adopted"), theme.ConfirmIcon(), s.onAdopt)
	return container.NewVBox(container.NewHBox(s.ed.header, s.ed.adopt), s.ed.banner)
}

// adoptionLine says whether and when the plan was adopted.
func (s *structureScreen) adoptionLine() string {
	u := s.u
	a := u.doc.Adoption
	if a == nil {
		return "\n" + tr("structure.plan_not_marked_adopted_changes")
	}
	return "\n" + fmt.Sprintf(tr("structure.plan_was_adopted_marked_revisions"),
		a.AdoptedOn.Format(u.lang), a.CouncilDecision.In(u.lang), newAuditView(u.doc, u.lang).who(a.By), len(u.doc.Revisions))
}

func (s *structureScreen) selectedID(entity model.Entity) model.ID {
	i := s.ed.selected[entity]
	ids := s.ed.ids[entity]
	if i < 0 || i >= len(ids) {
		return 0
	}
	return ids[i]
}

// refreshEditing shows what the user may do, and why not.
func (s *structureScreen) refreshEditing() {
	u := s.u
	why := u.denial(model.EntityGoal, model.OpCreate, nil)
	if why != "" {
		why = tr("structure.only_strategy_office_may_change") + why
	}
	setBanner(s.ed.banner, why)
	for entity := range s.ed.selected {
		if i := s.ed.selected[entity]; i >= len(s.ed.ids[entity]) {
			s.ed.selected[entity] = -1
		}
	}
	s.refreshButtons()
}

func (s *structureScreen) refreshButtons() {
	u := s.u
	if u.doc == nil || s.ed.banner == nil {
		return
	}
	ok := u.denial(model.EntityGoal, model.OpCreate, nil) == ""
	for entity, b := range s.ed.add {
		if entity == "measure" {
			permit(b, ok, s.selectedID(model.EntityArea) != 0)
			continue
		}
		permit(b, ok, true)
	}
	for entity, b := range s.ed.edit {
		permit(b, ok, s.selectedID(entity) != 0)
	}
	for entity, b := range s.ed.del {
		permit(b, ok, s.selectedID(entity) != 0)
	}
	i, n := s.ed.selected[model.EntityArea], len(s.ed.ids[model.EntityArea])
	permit(s.ed.up, ok, i > 0)
	permit(s.ed.down, ok, i >= 0 && i < n-1)
	permit(s.ed.header, ok, true)
	permit(s.ed.adopt, ok && u.doc.Adoption == nil, true)
}

// codeTaken reports whether another row of entity uses code.
func (u *UI) codeTaken(entity model.Entity, id model.ID, code string) bool {
	switch entity {
	case model.EntityGoal:
		return slices.ContainsFunc(u.doc.Goals, func(x model.Goal) bool { return x.Code == code && x.ID != id })
	case model.EntityArea:
		return slices.ContainsFunc(u.doc.Areas, func(x model.Area) bool { return x.Code == code && x.ID != id })
	case model.EntityUnit:
		return slices.ContainsFunc(u.doc.Units, func(x model.Unit) bool { return x.Code == code && x.ID != id })
	case model.EntityMeasure:
		return slices.ContainsFunc(u.doc.Measures, func(x model.Measure) bool { return x.Code == code && x.ID != id })
	}
	return false
}

// nextCode proposes the next free code "G3" / "A6" after the existing ones.
func nextCode(prefix string, codes []string) string {
	n := len(codes) + 1
	for {
		c := prefix + strconv.Itoa(n)
		if !slices.Contains(codes, c) {
			return c
		}
		n++
	}
}

func (s *structureScreen) onAdd(entity model.Entity) { s.openForm(entity, 0) }

func (s *structureScreen) onEdit(entity model.Entity) {
	if id := s.selectedID(entity); id != 0 {
		s.openForm(entity, id)
	}
}

// openForm opens the add (id 0) or edit form of a goal, area, unit or person.
func (s *structureScreen) openForm(entity model.Entity, id model.ID) {
	u := s.u
	d := u.doc
	verb := tr("structure.new")
	if id != 0 {
		verb = tr("structure.edit")
	}
	title := verb + ": " + entityName(entity)
	var codes []string
	switch entity {
	case model.EntityGoal:
		base := &model.Goal{}
		if id != 0 {
			base = findRow(d, entity, id).(*model.Goal)
		} else {
			for _, g := range d.Goals {
				codes = append(codes, g.Code)
			}
			base.Code = nextCode("G", codes)
		}
		sf := s.newStructForm(title, []formInput{
			{name: "code", label: tr("col.code"), value: base.Code},
			{name: "title", label: tr("measure.title_bg"), value: base.Title.BG},
			{name: "titleEN", label: tr("measure.title_en"), value: base.Title.EN},
			{name: "description", label: tr("structure.description_bg"), value: base.Description.BG, multiline: true},
			{name: "descriptionEN", label: tr("structure.description_en"), value: base.Description.EN, multiline: true},
		}, func(sf *structForm) {
			row := *base
			row.Code = sf.text("code")
			row.Title = model.T(sf.text("title"), sf.text("titleEN"))
			row.Description = model.T(sf.raw("description"), sf.raw("descriptionEN"))
			s.saveRow(sf, entity, base, &row, row.Validate, row.Code, func(tx model.Tx, r any) error { return tx.SaveGoal(r.(*model.Goal)) })
		})
		sf.f.dlg.Show()
	case model.EntityArea:
		base := &model.Area{}
		if id != 0 {
			base = findRow(d, entity, id).(*model.Area)
		} else {
			maxOrder := 0
			for _, a := range d.Areas {
				codes = append(codes, a.Code)
				maxOrder = max(maxOrder, a.Order)
			}
			base.Code, base.Order = nextCode("A", codes), maxOrder+1
		}
		sf := s.newStructForm(title, []formInput{
			{name: "code", label: tr("col.code"), value: base.Code},
			{name: "title", label: tr("measure.title_bg"), value: base.Title.BG},
			{name: "titleEN", label: tr("measure.title_en"), value: base.Title.EN},
			{name: "description", label: tr("structure.description_bg"), value: base.Description.BG, multiline: true},
			{name: "descriptionEN", label: tr("structure.description_en"), value: base.Description.EN, multiline: true},
			{name: "order", label: tr("structure.order"), value: strconv.Itoa(base.Order)},
		}, func(sf *structForm) {
			row := *base
			row.Code = sf.text("code")
			row.Title = model.T(sf.text("title"), sf.text("titleEN"))
			row.Description = model.T(sf.raw("description"), sf.raw("descriptionEN"))
			n, err := strconv.Atoi(sf.text("order"))
			if err != nil {
				sf.clearErrors()
				sf.fail("order", tr("structure.order_whole_number"))
				return
			}
			row.Order = n
			s.saveRow(sf, entity, base, &row, row.Validate, row.Code, func(tx model.Tx, r any) error { return tx.SaveArea(r.(*model.Area)) })
		})
		sf.f.dlg.Show()
	case model.EntityUnit:
		base := &model.Unit{Kind: model.UnitDirectorate}
		if id != 0 {
			base = findRow(d, entity, id).(*model.Unit)
		} else {
			for _, x := range d.Units {
				codes = append(codes, x.Code)
			}
			base.Code = nextCode("U", codes)
		}
		var kinds []string
		for _, k := range model.UnitKinds {
			kinds = append(kinds, tr("unitkind."+string(k)))
		}
		sf := s.newStructForm(title, []formInput{
			{name: "code", label: tr("col.code"), value: base.Code},
			{name: "name", label: tr("structure.name_bg"), value: base.Name.BG},
			{name: "nameEN", label: tr("structure.name_en"), value: base.Name.EN},
			{name: "kind", label: tr("field.kind"), value: tr("unitkind." + string(base.Kind)), options: kinds},
		}, func(sf *structForm) {
			row := *base
			row.Code = sf.text("code")
			row.Name = model.T(sf.text("name"), sf.text("nameEN"))
			if i := sf.selects["kind"].SelectedIndex(); i >= 0 {
				row.Kind = model.UnitKinds[i]
			}
			s.saveRow(sf, entity, base, &row, row.Validate, row.Code, func(tx model.Tx, r any) error { return tx.SaveUnit(r.(*model.Unit)) })
		})
		sf.f.dlg.Show()
	case model.EntityPerson:
		base := &model.Person{Role: model.RoleCoordinator}
		if id != 0 {
			base = findRow(d, entity, id).(*model.Person)
		} else if len(d.Units) > 0 {
			base.Unit = d.Units[0].Code
		}
		var roles []string
		units, unitCodes := unitChoices(d, u.lang)
		unitNow := ""
		if i := slices.Index(unitCodes, base.Unit); i >= 0 {
			unitNow = units[i]
		}
		for _, r := range model.Roles {
			roles = append(roles, roleName(r))
		}
		sf := s.newStructForm(title, []formInput{
			{name: "name", label: tr("structure.name_bg2"), value: base.Name.BG},
			{name: "nameEN", label: tr("structure.name_en2"), value: base.Name.EN},
			{name: "position", label: tr("structure.position_bg"), value: base.Position.BG},
			{name: "positionEN", label: tr("structure.position_en"), value: base.Position.EN},
			{name: "unit", label: tr("structure.unit"), value: unitNow, options: units},
			{name: "email", label: tr("structure.e_mail"), value: base.Email},
			{name: "phone", label: tr("field.phone"), value: base.Phone},
			{name: "role", label: tr("field.role"), value: roleName(base.Role), options: roles},
			{name: "public", label: tr("visibility.person"), value: personPublicChoice(base.Public), options: personPublicChoices()}, // visibility.go
		}, func(sf *structForm) {
			row := *base
			row.Name = model.T(sf.text("name"), sf.text("nameEN"))
			row.Position = model.T(sf.text("position"), sf.text("positionEN"))
			if code, ok := chosen(sf.selects["unit"], unitCodes); ok {
				row.Unit = code
			}
			row.Email, row.Phone = sf.text("email"), sf.text("phone")
			if i := sf.selects["role"].SelectedIndex(); i >= 0 {
				row.Role = model.Roles[i]
			}
			row.Public = sf.selects["public"].SelectedIndex() == 1
			sf.clearErrors()
			if row.Email != "" && slices.ContainsFunc(u.doc.People, func(p model.Person) bool {
				return p.ID != row.ID && model.EmailKey(p.Email) == model.EmailKey(row.Email) // the model's uniqueness rule, before the save refuses it
			}) {
				sf.fail("email", tr("structure.another_person_has_this_e"))
				return
			}
			if row.ID != 0 && u.me != nil && row.ID == u.me.ID && row.Role != model.RoleOffice {
				sf.fail("role", tr("structure.you_cannot_take_away_your"))
				return
			}
			s.saveRow(sf, entity, base, &row, row.Validate, "", func(tx model.Tx, r any) error { return tx.SavePerson(r.(*model.Person)) })
		})
		sf.f.dlg.Show()
	}
}

// saveRow validates row field by field and saves it as one step of undo.
func (s *structureScreen) saveRow(sf *structForm, entity model.Entity, base, row any, validate func() error, code string, save func(tx model.Tx, r any) error) {
	u := s.u
	sf.clearErrors()
	if err := validate(); err != nil {
		if !fieldSet(sf.fields).showModelError(err) {
			sf.f.setError(errorMessage(err))
		}
		return
	}
	if code != "" && u.codeTaken(entity, rowID(row), code) {
		sf.fail("code", fmt.Sprintf(tr("measure.code_already_used"), code))
		return
	}
	label := entityName(entity) + " " + code
	if code == "" {
		if p, ok := row.(*model.Person); ok {
			label = entityName(entity) + " " + p.Name.In(u.lang)
		}
	}
	var retry func(r any)
	retry = func(r any) {
		sf.f.save.Disable()
		u.save(label, func(tx model.Tx) error { return save(tx, r) }, u.structDone(sf.f, sf.fields, base, r, retry))
	}
	if rowID(row) == 0 {
		retry = nil
	}
	sf.f.save.Disable()
	mine := cloneRow(row)
	u.save(label, func(tx model.Tx) error { return save(tx, cloneRow(mine)) }, u.structDone(sf.f, sf.fields, base, mine, retry))
}

// onMove swaps the order of the selected area with its neighbour.
func (s *structureScreen) onMove(delta int) {
	u := s.u
	i := s.ed.selected[model.EntityArea]
	ids := s.ed.ids[model.EntityArea]
	j := i + delta
	if i < 0 || j < 0 || j >= len(ids) {
		return
	}
	a := *findRow(u.doc, model.EntityArea, ids[i]).(*model.Area)
	b := *findRow(u.doc, model.EntityArea, ids[j]).(*model.Area)
	a.Order, b.Order = b.Order, a.Order
	if a.Order == b.Order { // equal orders: make them distinct
		a.Order, b.Order = j+1, i+1
	}
	u.save(tr("structure.reorder_areas"), func(tx model.Tx) error {
		if err := tx.SaveArea(&a); err != nil {
			return err
		}
		return tx.SaveArea(&b)
	}, func(err error) {
		if err != nil {
			u.showError(tr("structure.new_order_was_not_saved"), err)
			return
		}
		s.areas.Select(j)
	})
}

// structDone ends a structure form's save: close on success, offer the
// conflict dialog on ECONFLICT, else show the error beside its field or
// under the form.
func (u *UI) structDone(f *formDialog, fields map[string]*field, base, mine any, retry func(row any)) func(error) {
	return func(err error) {
		f.save.Enable()
		switch {
		case err == nil:
			f.dlg.Hide()
		case model.ErrorCode(err) == model.ECONFLICT && base != nil && retry != nil:
			u.showConflict(base, mine, retry, f.dlg.Hide)
		case !fieldSet(fields).showModelError(err):
			f.setError(errorMessage(err))
		}
	}
}
