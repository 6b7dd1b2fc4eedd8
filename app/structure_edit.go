package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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

// say is a text of the plan screens in the current language.
func (u *UI) say(bg, en string) string {
	if u.lang == model.EN {
		return en
	}
	return bg
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
	e.add[entity] = widget.NewButtonWithIcon(u.say("Добави", "Add"), theme.ContentAddIcon(), func() { s.onAdd(entity) })
	e.edit[entity] = widget.NewButtonWithIcon(u.say("Промени", "Edit"), theme.DocumentCreateIcon(), func() { s.onEdit(entity) })
	e.del[entity] = widget.NewButtonWithIcon(u.say("Изтрий", "Delete"), theme.DeleteIcon(), func() { s.onDelete(entity) })
	bar := container.NewHBox(e.add[entity], e.edit[entity], e.del[entity])
	if entity == model.EntityArea {
		e.up = widget.NewButtonWithIcon(u.say("Нагоре", "Up"), theme.MoveUpIcon(), func() { s.onMove(-1) })
		e.down = widget.NewButtonWithIcon(u.say("Надолу", "Down"), theme.MoveDownIcon(), func() { s.onMove(1) })
		newMeasure := widget.NewButtonWithIcon(u.say("Нова мярка в областта", "New measure in the area"), theme.ContentAddIcon(), func() {
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
	u := s.u
	s.ed.banner = lockBanner()
	s.ed.header = widget.NewButtonWithIcon(u.say("Промени заглавната информация", "Edit the header"), theme.DocumentCreateIcon(), s.onEditHeader)
	s.ed.adopt = widget.NewButtonWithIcon(u.say("Отбележи плана като приет", "Mark the plan adopted"), theme.ConfirmIcon(), s.onAdopt)
	return container.NewVBox(container.NewHBox(s.ed.header, s.ed.adopt), s.ed.banner)
}

// adoptionLine says whether and when the plan was adopted.
func (s *structureScreen) adoptionLine() string {
	u := s.u
	a := u.doc.Adoption
	if a == nil {
		return "\n" + u.say("Планът не е отбелязан като приет: промените не се пазят като ревизии.", "The plan is not marked adopted: changes are not kept as revisions.")
	}
	return "\n" + fmt.Sprintf(u.say("Планът е приет на %s (%s); отбелязан от %s. Ревизии: %d.", "The plan was adopted on %s (%s); marked by %s. Revisions: %d."),
		a.AdoptedOn.Format(u.lang), a.CouncilDecision.In(u.lang), a.By, len(u.doc.Revisions))
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
		why = u.say("Структурата може да се променя само от офиса на стратегията: ", "Only the strategy office may change the structure: ") + why
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
			enable(b, ok && s.selectedID(model.EntityArea) != 0)
			continue
		}
		enable(b, ok)
	}
	for entity, b := range s.ed.edit {
		enable(b, ok && s.selectedID(entity) != 0)
	}
	for entity, b := range s.ed.del {
		enable(b, ok && s.selectedID(entity) != 0)
	}
	i, n := s.ed.selected[model.EntityArea], len(s.ed.ids[model.EntityArea])
	enable(s.ed.up, ok && i > 0)
	enable(s.ed.down, ok && i >= 0 && i < n-1)
	enable(s.ed.header, ok)
	enable(s.ed.adopt, ok && u.doc.Adoption == nil)
}

// structForm is the add/edit dialog of one row: its inputs by field name
// (the JSON name the model's messages use), so that each message shows
// beside its field.
type structForm struct {
	f       *formDialog
	entries map[string]*widget.Entry
	selects map[string]*widget.Select
	fields  map[string]*field
}

type formInput struct {
	name, label string
	value       string
	options     []string // a Select when set
	multiline   bool
}

func (s *structureScreen) newStructForm(title string, inputs []formInput, onSave func(sf *structForm)) *structForm {
	sf := &structForm{entries: map[string]*widget.Entry{}, selects: map[string]*widget.Select{}, fields: map[string]*field{}}
	var fields []*field
	for _, in := range inputs {
		var obj fyne.CanvasObject
		if in.options != nil {
			sel := widget.NewSelect(in.options, nil)
			sel.PlaceHolder = s.u.say("(изберете)", "(choose)")
			sel.SetSelected(in.value)
			sf.selects[in.name] = sel
			obj = sel
		} else {
			e := widget.NewEntry()
			if in.multiline {
				e = widget.NewMultiLineEntry()
				e.Wrapping = fyne.TextWrapWord
			}
			e.SetText(in.value)
			sf.entries[in.name] = e
			obj = e
		}
		f := newField(in.label, obj)
		if _, dup := sf.fields[in.name]; !dup {
			sf.fields[in.name] = f
		}
		fields = append(fields, f)
	}
	sf.f = s.u.newFormDialog(title, formGrid(fields...), func() { onSave(sf) })
	s.ed.lastForm = sf
	return sf
}

func (sf *structForm) text(name string) string { return strings.TrimSpace(sf.entries[name].Text) }
func (sf *structForm) raw(name string) string  { return sf.entries[name].Text }

func (sf *structForm) clearErrors() {
	sf.f.setError("")
	for _, f := range sf.fields {
		f.setError("")
	}
}

// fail shows msg beside field (or under the form when there is none).
func (sf *structForm) fail(name, msg string) {
	if f, ok := sf.fields[name]; ok {
		f.setError(msg)
		return
	}
	sf.f.setError(msg)
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
	verb := u.say("Нов", "New")
	if id != 0 {
		verb = u.say("Промяна", "Edit")
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
			{name: "code", label: u.say("Код", "Code"), value: base.Code},
			{name: "title", label: u.say("Наименование (БГ)", "Title (BG)"), value: base.Title.BG},
			{name: "titleEN", label: u.say("Наименование (EN)", "Title (EN)"), value: base.Title.EN},
			{name: "description", label: u.say("Описание (БГ)", "Description (BG)"), value: base.Description.BG, multiline: true},
			{name: "descriptionEN", label: u.say("Описание (EN)", "Description (EN)"), value: base.Description.EN, multiline: true},
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
			{name: "code", label: u.say("Код", "Code"), value: base.Code},
			{name: "title", label: u.say("Наименование (БГ)", "Title (BG)"), value: base.Title.BG},
			{name: "titleEN", label: u.say("Наименование (EN)", "Title (EN)"), value: base.Title.EN},
			{name: "description", label: u.say("Описание (БГ)", "Description (BG)"), value: base.Description.BG, multiline: true},
			{name: "descriptionEN", label: u.say("Описание (EN)", "Description (EN)"), value: base.Description.EN, multiline: true},
			{name: "order", label: u.say("Ред", "Order"), value: strconv.Itoa(base.Order)},
		}, func(sf *structForm) {
			row := *base
			row.Code = sf.text("code")
			row.Title = model.T(sf.text("title"), sf.text("titleEN"))
			row.Description = model.T(sf.raw("description"), sf.raw("descriptionEN"))
			n, err := strconv.Atoi(sf.text("order"))
			if err != nil {
				sf.clearErrors()
				sf.fail("order", u.say("Редът е цяло число.", "The order is a whole number."))
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
		}
		var kinds []string
		for _, k := range model.UnitKinds {
			kinds = append(kinds, tr("unitkind."+string(k)))
		}
		sf := s.newStructForm(title, []formInput{
			{name: "code", label: u.say("Код", "Code"), value: base.Code},
			{name: "name", label: u.say("Наименование (БГ)", "Name (BG)"), value: base.Name.BG},
			{name: "nameEN", label: u.say("Наименование (EN)", "Name (EN)"), value: base.Name.EN},
			{name: "kind", label: u.say("Вид", "Kind"), value: tr("unitkind." + string(base.Kind)), options: kinds},
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
		var units, roles []string
		for _, un := range d.Units {
			units = append(units, un.Code)
		}
		for _, r := range model.Roles {
			roles = append(roles, roleName(r))
		}
		sf := s.newStructForm(title, []formInput{
			{name: "name", label: u.say("Име (БГ)", "Name (BG)"), value: base.Name.BG},
			{name: "nameEN", label: u.say("Име (EN)", "Name (EN)"), value: base.Name.EN},
			{name: "position", label: u.say("Длъжност (БГ)", "Position (BG)"), value: base.Position.BG},
			{name: "positionEN", label: u.say("Длъжност (EN)", "Position (EN)"), value: base.Position.EN},
			{name: "unit", label: u.say("Звено", "Unit"), value: base.Unit, options: units},
			{name: "email", label: u.say("Е-поща", "E-mail"), value: base.Email},
			{name: "phone", label: u.say("Телефон", "Phone"), value: base.Phone},
			{name: "role", label: u.say("Роля", "Role"), value: roleName(base.Role), options: roles},
			{name: "public", label: tr("visibility.person"), value: personPublicChoice(base.Public), options: personPublicChoices()}, // visibility.go
		}, func(sf *structForm) {
			row := *base
			row.Name = model.T(sf.text("name"), sf.text("nameEN"))
			row.Position = model.T(sf.text("position"), sf.text("positionEN"))
			row.Unit = sf.selects["unit"].Selected
			row.Email, row.Phone = sf.text("email"), sf.text("phone")
			if i := sf.selects["role"].SelectedIndex(); i >= 0 {
				row.Role = model.Roles[i]
			}
			row.Public = sf.selects["public"].SelectedIndex() == 1
			sf.clearErrors()
			if row.Email != "" && slices.ContainsFunc(u.doc.People, func(p model.Person) bool {
				return p.ID != row.ID && strings.EqualFold(p.Email, row.Email)
			}) {
				sf.fail("email", u.say("Тази е-поща вече е на друг човек.", "Another person has this e-mail."))
				return
			}
			if row.ID != 0 && u.me != nil && row.ID == u.me.ID && row.Role != model.RoleOffice {
				sf.fail("role", u.say("Не можете да отнемете собствената си роля в офиса: помолете друг човек от офиса.", "You cannot take away your own office role: ask another person of the office."))
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
			sf.f.setError(model.ErrorMessage(err))
		}
		return
	}
	if code != "" && u.codeTaken(entity, rowID(row), code) {
		sf.fail("code", fmt.Sprintf(u.say("Кодът %s вече се използва.", "The code %s is already used."), code))
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
	u.save(u.say("Преподреждане на областите", "Reorder the areas"), func(tx model.Tx) error {
		if err := tx.SaveArea(&a); err != nil {
			return err
		}
		return tx.SaveArea(&b)
	}, func(err error) {
		if err != nil {
			u.showError(u.say("Преподреждането не е записано", "The new order was not saved"), err)
			return
		}
		s.areas.Select(j)
	})
}

// deleteDialog confirms a delete, or shows what still refers to the row
// and offers to reassign it to another row first.
type deleteDialog struct {
	dlg      dialog.Dialog
	refs     *widget.Label
	target   *widget.Select // reassign to (nil when nothing refers to the row)
	confirm  *widget.Button
	cancel   *widget.Button
	targetID []model.ID
}

func (s *structureScreen) onDelete(entity model.Entity) {
	id := s.selectedID(entity)
	if id == 0 {
		return
	}
	s.openDelete(entity, id)
}

func (s *structureScreen) openDelete(entity model.Entity, id model.ID) *deleteDialog {
	u := s.u
	d := u.doc
	if entity == model.EntityPerson && u.me != nil && id == u.me.ID {
		dialog.ShowInformation(u.say("Изтриване", "Delete"), u.say("Не можете да изтриете себе си: помолете друг човек от офиса.", "You cannot delete yourself: ask another person of the office."), u.win)
		return nil
	}
	name := d.RowName(entity, id, u.lang)
	refs := d.References(entity, id)
	dd := &deleteDialog{refs: widget.NewLabel("")}
	dd.refs.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(dd.refs)
	row := findRow(d, entity, id)
	version := rowVersion(row)
	label := u.say("Изтриване: ", "Delete: ") + name
	if len(refs) == 0 {
		dd.refs.SetText(fmt.Sprintf(u.say("Да се изтрие ли %s? Можете да го върнете с „Отмени“.", "Delete %s? You can bring it back with Undo."), name))
	} else {
		var lines []string
		for _, r := range refs {
			lines = append(lines, "• "+r.Text(name, u.lang))
		}
		dd.refs.SetText(u.say("Не може да се изтрие, докато е посочено:", "It cannot be deleted while it is referred to:") + "\n" + strings.Join(lines, "\n"))
		var options []string
		for _, other := range s.ed.ids[entity] {
			if other != id {
				options = append(options, d.RowName(entity, other, u.lang))
				dd.targetID = append(dd.targetID, other)
			}
		}
		dd.target = widget.NewSelect(options, nil)
		dd.target.PlaceHolder = u.say("(изберете)", "(choose)")
		body.Add(widget.NewLabel(u.say("Прехвърлете посочванията към:", "Reassign them to:")))
		body.Add(dd.target)
	}
	dd.cancel = widget.NewButtonWithIcon(u.say("Отказ", "Cancel"), theme.CancelIcon(), nil)
	confirmText := u.say("Изтрий", "Delete")
	if len(refs) > 0 {
		confirmText = u.say("Прехвърли и изтрий", "Reassign and delete")
	}
	dd.confirm = widget.NewButtonWithIcon(confirmText, theme.DeleteIcon(), nil)
	dd.confirm.Importance = widget.DangerImportance
	c := dialog.NewCustomWithoutButtons(label, container.NewPadded(body), u.win)
	dd.dlg = c
	dd.cancel.OnTapped = c.Hide
	dd.confirm.OnTapped = func() {
		var to model.ID
		if len(refs) > 0 {
			i := dd.target.SelectedIndex()
			if i < 0 {
				dd.refs.SetText(dd.refs.Text + "\n" + u.say("Изберете към кого да се прехвърлят.", "Choose where to reassign them."))
				return
			}
			to = dd.targetID[i]
		}
		c.Hide()
		u.save(label, func(tx model.Tx) error {
			if to != 0 {
				if err := model.Reassign(tx, entity, id, to); err != nil {
					return err
				}
			}
			if left := tx.Doc().References(entity, id); len(left) > 0 {
				return model.ReferencesError(tx.Doc().RowName(entity, id, model.EN), left)
			}
			return tx.Delete(entity, id, version)
		}, func(err error) {
			if err != nil {
				u.showError(u.say("Не е изтрито", "Not deleted"), err)
			}
		})
	}
	c.SetButtons([]fyne.CanvasObject{dd.cancel, dd.confirm})
	c.Resize(fyne.NewSize(620, 320))
	c.Show()
	s.ed.lastDelete = dd
	return dd
}

// onEditHeader edits the strategy's titles, vision, period and decision.
func (s *structureScreen) onEditHeader() {
	u := s.u
	base := u.doc.Strategy
	date := func(d model.Date) string {
		if d == 0 {
			return ""
		}
		return d.Format(model.BG)
	}
	sf := s.newStructForm(u.say("Заглавна информация на стратегията", "The strategy's header"), []formInput{
		{name: "title", label: u.say("Наименование (БГ)", "Title (BG)"), value: base.Title.BG},
		{name: "titleEN", label: u.say("Наименование (EN)", "Title (EN)"), value: base.Title.EN},
		{name: "shortTitle", label: u.say("Кратко наименование (БГ)", "Short title (BG)"), value: base.ShortTitle.BG},
		{name: "shortTitleEN", label: u.say("Кратко наименование (EN)", "Short title (EN)"), value: base.ShortTitle.EN},
		{name: "vision", label: u.say("Визия (БГ)", "Vision (BG)"), value: base.Vision.BG, multiline: true},
		{name: "visionEN", label: u.say("Визия (EN)", "Vision (EN)"), value: base.Vision.EN, multiline: true},
		{name: "councilDecision", label: u.say("Решение на СОС (БГ)", "Council decision (BG)"), value: base.CouncilDecision.BG},
		{name: "councilDecisionEN", label: u.say("Решение на СОС (EN)", "Council decision (EN)"), value: base.CouncilDecision.EN},
		{name: "adoptedOn", label: u.say("Приета на", "Adopted on"), value: date(base.AdoptedOn)},
		{name: "periodStart", label: u.say("Начало на периода", "Period start"), value: date(base.PeriodStart)},
		{name: "periodEnd", label: u.say("Край на периода", "Period end"), value: date(base.PeriodEnd)},
	}, nil)
	sf.f.save.OnTapped = func() {
		row := base
		row.Title = model.T(sf.text("title"), sf.text("titleEN"))
		row.ShortTitle = model.T(sf.text("shortTitle"), sf.text("shortTitleEN"))
		row.Vision = model.T(sf.raw("vision"), sf.raw("visionEN"))
		row.CouncilDecision = model.T(sf.text("councilDecision"), sf.text("councilDecisionEN"))
		sf.clearErrors()
		bad := false
		for name, dst := range map[string]*model.Date{"adoptedOn": &row.AdoptedOn, "periodStart": &row.PeriodStart, "periodEnd": &row.PeriodEnd} {
			d, msg := parseOptionalDate(sf.text(name))
			if msg != "" {
				sf.fail(name, msg)
				bad = true
			}
			*dst = d
		}
		if bad {
			return
		}
		s.saveRow(sf, model.EntityStrategy, &base, &row, row.Validate, "", func(tx model.Tx, r any) error { return tx.SaveStrategy(r.(*model.Strategy)) })
	}
	sf.f.dlg.Show()
}

// adoptForm marks the plan adopted.
type adoptForm struct {
	f        *formDialog
	date     *widget.Entry
	decision *widget.Entry
	dateF    *field
}

// onAdopt asks for the adoption date and decision and marks the plan
// adopted: from then on a change of an adopted date, target or planned
// budget needs a reason and is kept as a revision.
func (s *structureScreen) onAdopt() {
	u := s.u
	st := u.doc.Strategy
	af := &adoptForm{date: dateEntry(), decision: widget.NewEntry()}
	if st.AdoptedOn != 0 {
		af.date.SetText(st.AdoptedOn.Format(model.BG))
	} else {
		af.date.SetText(u.today.Format(model.BG))
	}
	af.decision.SetText(st.CouncilDecision.In(u.lang))
	af.dateF = newField(u.say("Приет на", "Adopted on"), af.date)
	decF := newField(u.say("Решение на СОС", "Council decision"), af.decision)
	intro := hint(u.say("След приемането всяка промяна на краен срок, срок на етап, целева стойност или срок на индикатор, или планиран бюджет изисква причина и се пази като ревизия: първоначалната стойност остава видима.",
		"Once adopted, every change of an end date, a milestone's due date, a KPI's target value or date, or a planned budget needs a reason and is kept as a revision: the original value stays visible."))
	af.f = u.newFormDialog(u.say("Отбележи плана като приет", "Mark the plan adopted"), container.NewVBox(intro, formGrid(af.dateF, decF)), func() {
		d, msg := parseRequiredDate(af.date.Text)
		af.dateF.setError(msg)
		if msg != "" {
			return
		}
		a := &model.Adoption{AdoptedOn: d, CouncilDecision: model.T(strings.TrimSpace(af.decision.Text), "")}
		if u.lang == model.EN {
			a.CouncilDecision = model.T("", strings.TrimSpace(af.decision.Text))
		}
		if err := a.Validate(); err != nil {
			af.f.setError(model.ErrorMessage(err))
			return
		}
		af.f.save.Disable()
		u.save(u.say("Приемане на плана", "Adopt the plan"), func(tx model.Tx) error {
			p, err := model.AsPlanTx(tx)
			if err != nil {
				return err
			}
			return p.Adopt(a)
		}, func(err error) {
			af.f.save.Enable()
			if err != nil {
				af.f.setError(model.ErrorMessage(err))
				return
			}
			af.f.dlg.Hide()
		})
	})
	af.f.save.SetText(u.say("Отбележи като приет", "Mark adopted"))
	af.f.dlg.Show()
	s.ed.lastAdopt = af
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
			f.setError(model.ErrorMessage(err))
		}
	}
}
