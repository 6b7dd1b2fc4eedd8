package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
	"strategytracker/reports/pdf"
	"strategytracker/reports/xlsx"
)

// The report writers of strategytracker/reports: the progress workbook,
// the council report (PDF), the coordinators' update template, and the
// import of a filled template, shown as a dry run before it is applied.

func reportExporters() []exporter {
	return []exporter{
		{key: "export.xlsx", ext: ".xlsx", write: func(w io.Writer, j exportJob) error {
			return xlsx.WriteWorkbook(w, j.doc, xlsx.Options{Lang: j.lang, AsOf: j.asOf, PreparedBy: j.by, Created: time.Now(), Version: j.version})
		}},
		{key: "export.pdf", ext: ".pdf", reads: true, write: func(w io.Writer, j exportJob) error {
			return pdf.Write(w, j.doc, pdf.Options{Lang: j.lang, AsOf: j.asOf, PreparedBy: j.by, Created: time.Now(), Progress: j.progress, Version: j.version})
		}},
		{key: "export.template", ext: ".xlsx", unit: true, write: func(w io.Writer, j exportJob) error {
			return xlsx.WriteTemplate(w, j.doc, j.databaseID, j.unit, xlsx.Options{Lang: j.lang, AsOf: j.asOf, PreparedBy: j.by, Created: time.Now(), Version: j.version})
		}},
		{key: "export.plan", ext: ".xlsx", write: func(w io.Writer, j exportJob) error { // File › Plan workbook… too
			return xlsx.WritePlanTemplate(w, j.doc, j.databaseID, xlsx.Options{Lang: j.lang, AsOf: j.asOf})
		}},
	}
}

// importDialog shows what a filled update workbook would change (or why
// it is refused) before anything is written.
type importDialog struct {
	dlg      *dialog.CustomDialog
	lines    []string // the changes, or the refused rows
	refused  bool
	apply    *widget.Button
	cancel   *widget.Button
	source   string
	file     []byte // the workbook, imported again (planned afresh) on apply
	changes  []xlsx.Change
	finished string // the message after applying, for tests
}

// openImport asks for the workbook (File › Import…).
func (u *UI) openImport() {
	if !u.canEdit() {
		u.inform(tr("menu.import"), u.denial(model.EntityKPIValue, model.OpCreate, nil))
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(tr("error.import"), err)
			return
		}
		if r == nil {
			return
		}
		name := r.URI().Name()
		b, err := io.ReadAll(io.LimitReader(r, xlsx.MaxFileSize+1))
		r.Close()
		if err != nil {
			u.showError(tr("error.import"), err)
			return
		}
		u.importWorkbook(name, b)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(u.store.Path()))); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	showFileDialog(d, u.win)
}

// importWorkbook reads and plans the workbook b (named name) off the UI
// goroutine, then shows the dry run.
func (u *UI) importWorkbook(name string, b []byte) {
	if u.me == nil {
		return
	}
	store, me, today := u.store, *u.me, u.today
	var changes []xlsx.Change
	var problems []xlsx.Problem
	u.slow(tr("progress.import"), func(ctx context.Context, _ func(int, int)) error {
		if len(b) > xlsx.MaxFileSize {
			return model.Errorf(model.EINVALID, "%s", trf("import.toolarge", name))
		}
		res, err := xlsx.Import(ctx, store, bytes.NewReader(b), name, me.ID, today.Time(), true) // a dry run: only the day counts
		var ps xlsx.Problems
		if errors.As(err, &ps) {
			problems = ps
			return nil
		}
		changes = res.Changes
		return err
	}, func(err error) {
		if err != nil {
			u.showError(trf("error.importfile", name), err)
			return
		}
		u.showImport(name, changes, problems).file = b
	})
}

func (u *UI) showImport(name string, changes []xlsx.Change, problems []xlsx.Problem) *importDialog {
	d := &importDialog{source: name, changes: changes}
	var intro string
	switch {
	case len(problems) > 0:
		d.refused = true
		intro = trn("import.refused", len(problems), name, len(problems))
		for _, p := range problems {
			d.lines = append(d.lines, problemLine(p))
		}
	case len(changes) == 0:
		intro = trf("import.nothing", name)
	default:
		intro = trn("import.preview", len(changes), name, len(changes))
		view := newAuditView(u.doc, u.lang)
		for _, c := range changes {
			d.lines = append(d.lines, u.changeLine(view, c))
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
	d.dlg = dialog.NewCustomWithoutButtons(tr("import.title"), container.NewBorder(head, nil, nil, nil, list), u.win)
	d.cancel = widget.NewButtonWithIcon(tr("action.close"), theme.CancelIcon(), d.dlg.Hide)
	buttons := []fyne.CanvasObject{d.cancel}
	if !d.refused && len(changes) > 0 {
		d.cancel.SetText(tr("action.cancel"))
		d.apply = widget.NewButtonWithIcon(trn("import.apply", len(changes), len(changes)), theme.ConfirmIcon(), func() { u.applyImport(d) })
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

// problemLine writes a refused row of a workbook: its place as people
// name it ("Етапи, ред 4"), then the reason.
func problemLine(p xlsx.Problem) string {
	return trf("import.where", p.Sheet, p.Row) + ": " + p.Message
}

// problemLines is problemLine of each problem.
func problemLines(ps xlsx.Problems) []string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = problemLine(p)
	}
	return lines
}

// changeLine writes one planned change for people.
func (u *UI) changeLine(view *auditView, c xlsx.Change) string {
	var parts []string
	for _, f := range c.Fields {
		if c.Op == model.OpCreate {
			parts = append(parts, fieldName(f.Field)+": "+shorten(view.value(f.Field, f.New)))
		} else {
			parts = append(parts, fieldName(f.Field)+": "+shorten(view.value(f.Field, f.Old))+" → "+shorten(view.value(f.Field, f.New)))
		}
	}
	verb := tr("import.change")
	if c.Op == model.OpCreate {
		verb = tr("import.add")
	}
	what := entityName(c.Entity) + " (" + entityName(model.EntityMeasure) + " " + c.Measure + ")"
	if u.doc != nil { // the milestone or indicator by its name (issue 22: the preview named none)
		if ms, _ := u.doc.MilestoneByID(c.ID); ms != nil && c.Entity == model.EntityMilestone {
			what = view.subject(model.AuditEntry{Entity: model.EntityMilestone, EntityID: c.ID})
		} else if k, _ := u.doc.KPIByID(c.ID); k != nil && (c.Entity == model.EntityKPI || c.Entity == model.EntityKPIValue) {
			what = entityName(c.Entity) + " · " + view.subject(model.AuditEntry{Entity: model.EntityKPI, EntityID: c.ID})
		}
	}
	return trf("import.where", c.Sheet, c.Row) + " · " + verb + " " + what + "\n" + strings.Join(parts, "; ")
}

// applyImport writes the planned changes in one audited transaction. The
// undo history ends here: undo never reaches across an import.
func (u *UI) applyImport(d *importDialog) {
	if u.me == nil {
		return
	}
	d.apply.Disable()
	store, actor := u.store, u.me.ID
	applied := 0
	u.slow(tr("progress.apply"), func(ctx context.Context, _ func(int, int)) error {
		// Planned again inside the transaction: the file may have changed
		// since the preview (another import, another window).
		res, err := xlsx.Import(ctx, store, bytes.NewReader(d.file), d.source, actor, time.Now(), false) // the return's time (the session clock gives only the day)
		applied = len(res.Changes)
		return err
	}, func(err error) {
		d.dlg.Hide()
		if err != nil {
			var ps xlsx.Problems
			if errors.As(err, &ps) {
				err = errorText(strings.Join(problemLines(ps), "\n"))
			}
			u.showError(trf("error.importfile", d.source), err)
			return
		}
		u.hist.clear()
		d.finished = trn("import.done", applied, applied, d.source)
		u.reload(func() {
			u.inform(tr("import.title"), d.finished)
		})
	})
}
