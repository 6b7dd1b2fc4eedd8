package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// auditLimit is how many entries, newest first, the audit screen shows.
const auditLimit = 1000

var auditEntities = []model.Entity{model.EntityStrategy, model.EntityGoal, model.EntityArea, model.EntityUnit,
	model.EntityPerson, model.EntityMeasure, model.EntityMilestone, model.EntityKPI, model.EntityKPIValue,
	model.EntityUpdate, model.EntitySnapshot, model.EntityFile}

// auditScreen shows the audit log, filtered by person, entity and date, and
// verifies the hash chain (store.Check).
type auditScreen struct {
	u    *UI
	root fyne.CanvasObject

	user    *widget.Entry
	entity  *widget.Select
	from    *widget.Entry
	to      *widget.Entry
	search  *widget.Button
	verify  *widget.Button
	status  *widget.Label
	list    *widget.List
	entries []model.AuditEntry // the entries found, newest first
	lines   []string           // the same, written for people
	errFrom *field
	errTo   *field
}

func newAuditScreen(u *UI) *auditScreen {
	s := &auditScreen{u: u}
	s.root = s.buildUI()
	return s
}

func (s *auditScreen) content() fyne.CanvasObject { return s.root }

func (s *auditScreen) buildUI() fyne.CanvasObject {
	s.user = widget.NewEntry()
	s.user.SetPlaceHolder(tr("audit.user"))
	s.user.OnSubmitted = func(string) { s.onSearch() }
	opts := []string{tr("audit.allentities")}
	for _, e := range auditEntities {
		opts = append(opts, entityName(e))
	}
	s.entity = widget.NewSelect(opts, nil)
	s.entity.SetSelectedIndex(0)
	s.entity.OnChanged = func(string) { s.onSearch() }
	s.from = s.u.dateEntry()
	s.to = s.u.dateEntry()
	s.errFrom = newField(tr("audit.from"), s.from)
	s.errTo = newField(tr("audit.to"), s.to)
	s.search = widget.NewButtonWithIcon(tr("audit.search"), theme.SearchIcon(), s.onSearch)
	s.verify = widget.NewButtonWithIcon(tr("audit.verify"), theme.ConfirmIcon(), s.onVerify)
	s.status = hint("")
	s.list = linesList(&s.lines)
	filters := container.NewGridWithColumns(4,
		container.NewVBox(widget.NewLabel(tr("audit.user.label")), s.user),
		container.NewVBox(widget.NewLabel(tr("audit.entity")), s.entity),
		container.NewVBox(widget.NewLabel(s.errFrom.label), s.from, s.errFrom.err),
		container.NewVBox(widget.NewLabel(s.errTo.label), s.to, s.errTo.err))
	top := container.NewVBox(heading(tr("nav.audit")), hint(tr("audit.intro")), filters,
		container.NewBorder(nil, nil, container.NewHBox(s.search, s.verify), nil, s.status))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, s.list)
}

// refresh is called when the document changes; the log is read when the
// screen is shown.
func (s *auditScreen) refresh() {
	if s.u.current == screenAudit {
		s.onSearch()
	}
}

// filter reads the filter from the widgets.
func (s *auditScreen) filter() (model.AuditFilter, bool) {
	f := model.AuditFilter{User: strings.TrimSpace(s.user.Text), Limit: auditLimit}
	if i := s.entity.SelectedIndex(); i > 0 {
		f.Entity = auditEntities[i-1]
	}
	var msg string
	ok := true
	f.From, msg = parseOptionalDate(s.from.Text)
	s.errFrom.setError(msg)
	ok = ok && msg == ""
	f.To, msg = parseOptionalDate(s.to.Text)
	s.errTo.setError(msg)
	return f, ok && msg == ""
}

// onSearch reads the entries that match the filter, newest first.
func (s *auditScreen) onSearch() {
	f, ok := s.filter()
	if !ok {
		return
	}
	store, view := s.u.store, newAuditView(s.u.doc, s.u.lang)
	s.status.SetText(tr("label.loading"))
	s.u.background(func() func() {
		entries, err := store.Audit(context.Background(), f)
		lines := make([]string, len(entries))
		for i, e := range entries {
			lines[i] = view.line(e)
		}
		return func() {
			if s.u.store != store {
				return
			}
			if err != nil {
				s.status.SetText(tr("error.load") + ": " + errorMessage(err))
				return
			}
			s.entries, s.lines = entries, lines
			text := trn("audit.count", len(entries), len(entries))
			if len(entries) == auditLimit {
				text = trf("audit.limit", auditLimit)
			}
			s.status.SetText(text)
			s.list.Refresh()
		}
	})
}

// onVerify runs the integrity and audit chain check.
func (s *auditScreen) onVerify() {
	store := s.u.store
	var rep model.CheckReport
	s.u.slow(tr("audit.verifying"), func(ctx context.Context, _ func(int, int)) error {
		var err error
		rep, err = store.Check(ctx)
		return err
	}, func(err error) {
		if err != nil {
			msg := tr("audit.verify.failed") + "\n" + errorMessage(err)
			s.u.observe(verifyResult(msg))
			s.u.inform(tr("Error"), msg)
			return
		}
		integrity := rep.Integrity
		if integrity == "ok" {
			integrity = tr("audit.integrity.ok")
		}
		msg := trn("audit.verify.ok", rep.AuditEntries, rep.AuditEntries, integrity)
		s.u.observe(verifyResult(msg))
		s.u.inform(tr("audit.verify"), msg)
	})
}

// verifyResult is what Verify found, as shown to the user.
type verifyResult string
