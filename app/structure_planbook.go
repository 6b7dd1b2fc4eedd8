package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
	"strategytracker/reports/xlsx"
)

// The plan workbook in the app (File › Plan workbook…, File › Import plan…):
// write the current plan to a workbook the office fills in; read one back,
// show every addition and change, then apply all of it or nothing.

// onPlanTemplate writes the plan workbook through the export form, as
// every other file the app writes (File › Plan workbook…).
func (u *UI) onPlanTemplate() { u.openExport("export.plan") }

// onPlanImport asks for a plan workbook and previews it.
func (u *UI) onPlanImport() {
	if err := model.AuthorizePlanImport(u.me); err != nil || u.store.ReadOnly() {
		why := tr("lock.readonly")
		if err != nil {
			if why = u.reasonText(err, nil); why == "" {
				why = tr("lock.role")
			}
		}
		u.inform(tr("planbook.import_plan"), why)
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		name := r.URI().Name()
		b, err := model.ReadBounded(r, model.MaxWorkbookSize, name)
		r.Close()
		if err != nil {
			u.showError(tr("planbook.plan_was_not_imported"), err)
			return
		}
		u.importPlanBook(name, b)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Resize(fyne.NewSize(900, 600))
	showFileDialog(d, u.win)
}

// planImportDialog is the preview of a plan workbook.
type planImportDialog struct {
	dlg     *dialog.CustomDialog
	lines   []string
	refused bool
	apply   *widget.Button
	cancel  *widget.Button
	book    []byte // the workbook's bytes, imported again on apply
	source  string
	done    string // the message after applying (tests)
}

// importPlanBook runs the plan import of b as a dry run off the UI
// goroutine (xlsx.ImportPlan: its answer is the import's), then shows the
// preview.
func (u *UI) importPlanBook(name string, b []byte) {
	if u.me == nil {
		return
	}
	store, today, actor := u.store, u.today, u.me.ID
	var changes []xlsx.PlanChange
	var problems xlsx.Problems
	u.slow(tr("planbook.checking_workbook"), func(ctx context.Context, _ func(int, int)) error {
		res, err := xlsx.ImportPlan(ctx, store, bytes.NewReader(b), name, actor, today, true)
		if errors.As(err, &problems) {
			return nil
		}
		changes = res.Changes
		return err
	}, func(err error) {
		if err != nil {
			u.showError(fmt.Sprintf(tr("planbook.was_not_imported"), name), err)
			return
		}
		u.showPlanImport(name, b, changes, problems)
	})
}

func (u *UI) showPlanImport(name string, book []byte, changes []xlsx.PlanChange, problems xlsx.Problems) *planImportDialog {
	d := &planImportDialog{book: book, source: name}
	var intro string
	switch {
	case len(problems) > 0:
		d.refused = true
		intro = trn("planbook.cannot_imported_d_problem_nothing", len(problems), name, len(problems))
		d.lines = problemLines(problems)
	case len(changes) == 0:
		intro = fmt.Sprintf(tr("planbook.changes_nothing_plan"), name)
	default:
		intro = trn("planbook.would_make_d_additions_changes", len(changes), name, len(changes))
		view := newAuditView(u.doc, u.lang)
		for _, c := range changes {
			d.lines = append(d.lines, planChangeLine(view, c))
		}
	}
	head := widget.NewLabel(intro)
	head.Wrapping = fyne.TextWrapWord
	list := widget.NewList(func() int { return len(d.lines) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("line")
			l.Wrapping = fyne.TextWrapWord
			return l
		}, nil)
	list.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.SetText(d.lines[i])
		if d.refused {
			l.Importance = widget.DangerImportance
		}
		list.SetItemHeight(i, l.MinSize().Height)
	}
	d.dlg = dialog.NewCustomWithoutButtons(tr("planbook.import_plan"), container.NewBorder(head, nil, nil, nil, list), u.win)
	d.cancel = widget.NewButtonWithIcon(tr("action.close"), theme.CancelIcon(), d.dlg.Hide)
	buttons := []fyne.CanvasObject{d.cancel}
	if !d.refused && len(changes) > 0 {
		d.apply = widget.NewButtonWithIcon(fmt.Sprintf(tr("planbook.import_d"), len(changes)), theme.ConfirmIcon(), func() { u.applyPlanImport(d) })
		d.apply.Importance = widget.HighImportance
		buttons = append(buttons, d.apply)
	}
	d.dlg.SetButtons(buttons)
	size := u.win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(min(960, max(560, size.Width*0.85)), min(640, max(400, size.Height*0.85))))
	d.dlg.Show()
	u.observe(d)
	return d
}

// planChangeLine writes one change of a plan workbook as the audit log
// writes a change: the row by its name, the values as people write them
// (issue 22: the preview showed English, JSON and ISO dates).
func planChangeLine(v *auditView, c xlsx.PlanChange) string {
	var parts []string
	for _, f := range c.Fields {
		if c.Op == model.OpCreate {
			parts = append(parts, fieldName(f.Field)+": "+shorten(v.value(f.Field, f.New)))
		} else {
			parts = append(parts, v.change(f.Field, f.Old, f.New))
		}
	}
	verb := tr("import.change")
	if c.Op == model.OpCreate {
		verb = tr("import.add")
	}
	what := entityName(c.Entity)
	switch c.Entity {
	case model.EntityMilestone, model.EntityKPI:
		what += " " + model.Quote(c.Name.In(v.lang), v.lang) + " (" + entityName(model.EntityMeasure) + " " + c.MeasureCode() + ")"
	case model.EntityStrategy:
	default:
		what += " " + c.Name.In(v.lang)
	}
	line := trf("import.where", c.Sheet, c.Row) + " · " + verb + " " + what + "\n" + strings.Join(parts, "; ")
	if c.Reason != "" {
		line += " (" + tr("revision.reason") + ": " + c.Reason + ")"
	}
	return line
}

// applyPlanImport imports the workbook (xlsx.ImportPlan): all or nothing,
// checked again against the file as it stands. Undo does not reach across it.
func (u *UI) applyPlanImport(d *planImportDialog) {
	if u.me == nil {
		return
	}
	d.apply.Disable()
	store, actor, today := u.store, u.me.ID, u.today
	var n int
	u.slow(tr("planbook.importing"), func(ctx context.Context, _ func(int, int)) error {
		res, err := xlsx.ImportPlan(ctx, store, bytes.NewReader(d.book), d.source, actor, today, false)
		n = len(res.Changes)
		return err
	}, func(err error) {
		d.dlg.Hide()
		if err != nil {
			var ps xlsx.Problems
			if errors.As(err, &ps) {
				err = errorText(strings.Join(problemLines(ps), "\n"))
			}
			u.showError(fmt.Sprintf(tr("planbook.was_not_imported"), d.source), err)
			return
		}
		u.hist.clear()
		d.done = trn("planbook.d_additions_changes_imported_from", n, n, d.source)
		u.reload(func() { u.inform(tr("planbook.import_plan"), d.done) })
	})
}
