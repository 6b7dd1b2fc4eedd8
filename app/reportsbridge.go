package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strconv"
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
			return xlsx.WriteWorkbook(w, j.doc, xlsx.Options{Lang: j.lang, AsOf: j.asOf, PreparedBy: j.by, Created: time.Now()})
		}},
		{key: "export.pdf", ext: ".pdf", write: func(w io.Writer, j exportJob) error {
			return pdf.Write(w, j.doc, pdf.Options{Lang: j.lang, AsOf: j.asOf, PreparedBy: j.by, Created: time.Now(), Progress: j.progress})
		}},
		{key: "export.template", ext: ".xlsx", unit: true, write: func(w io.Writer, j exportJob) error {
			return xlsx.WriteTemplate(w, j.doc, j.databaseID, j.unit, xlsx.Options{Lang: j.lang, AsOf: j.asOf, PreparedBy: j.by, Created: time.Now()})
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
	changes  []xlsx.Change
	finished string // the message after applying, for tests
	unit     string // the unit the template was written for: its return is recorded (period_import.go)
}

// openImport asks for the workbook (File › Import…).
func (u *UI) openImport() {
	if !u.canEdit() {
		dialog.ShowInformation(tr("menu.import"), u.denial(model.EntityKPIValue, model.OpCreate, nil), u.win)
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
	d.Show()
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
	var unit string
	u.slow(tr("progress.import"), func(ctx context.Context, _ func(int, int)) error {
		if len(b) > xlsx.MaxFileSize {
			return model.Errorf(model.EINVALID, "%s", trf("import.toolarge", name))
		}
		upd, err := xlsx.ReadUpdate(bytes.NewReader(b))
		if err != nil {
			return err
		}
		doc, err := store.Doc(ctx)
		if err != nil {
			return err
		}
		changes, problems = xlsx.Plan(doc, upd, &me, store.DatabaseID(), today)
		unit = upd.Unit
		return nil
	}, func(err error) {
		if err != nil {
			u.showError(trf("error.importfile", name), err)
			return
		}
		u.showImport(name, changes, problems).unit = unit
	})
}

func (u *UI) showImport(name string, changes []xlsx.Change, problems []xlsx.Problem) *importDialog {
	d := &importDialog{source: name, changes: changes}
	var intro string
	switch {
	case len(problems) > 0:
		d.refused = true
		intro = trf("import.refused", name, len(problems))
		for _, p := range problems {
			d.lines = append(d.lines, p.String())
		}
	case len(changes) == 0:
		intro = trf("import.nothing", name)
	default:
		intro = trf("import.preview", name, len(changes))
		for _, c := range changes {
			d.lines = append(d.lines, u.changeLine(c))
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
		d.apply = widget.NewButtonWithIcon(trf("import.apply", len(changes)), theme.ConfirmIcon(), func() { u.applyImport(d) })
		d.apply.Importance = widget.HighImportance
		buttons = append(buttons, d.apply)
	}
	d.dlg.SetButtons(buttons)
	size := u.win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(min(960, max(560, size.Width*0.85)), min(640, max(400, size.Height*0.85))))
	d.dlg.Show()
	u.lastImport = d
	return d
}

// changeLine writes one planned change for people.
func (u *UI) changeLine(c xlsx.Change) string {
	var parts []string
	for _, f := range c.Fields {
		if c.Op == model.OpCreate {
			parts = append(parts, fieldName(f.Field)+": "+shorten(auditValue(f.New)))
		} else {
			parts = append(parts, fieldName(f.Field)+": "+shorten(auditValue(f.Old))+" → "+shorten(auditValue(f.New)))
		}
	}
	verb := tr("import.change")
	if c.Op == model.OpCreate {
		verb = tr("import.add")
	}
	return c.Sheet + "!" + strconv.Itoa(c.Row) + " · " + tr("col.code") + " " + c.Measure + " · " + verb + " " +
		entityName(c.Entity) + "\n" + strings.Join(parts, "; ")
}

// applyImport writes the planned changes in one audited transaction. The
// undo history ends here: undo never reaches across an import.
func (u *UI) applyImport(d *importDialog) {
	if u.me == nil {
		return
	}
	d.apply.Disable()
	store, actor, at := u.store, u.me.ID, u.cycleNow()
	u.slow(tr("progress.apply"), func(ctx context.Context, _ func(int, int)) error {
		return store.Update(ctx, actor, model.ActionImport, d.source, func(tx model.Tx) error {
			if err := xlsx.Apply(tx, d.changes); err != nil {
				return err
			}
			return recordImportReturn(tx, d.unit, len(d.changes), actor, at)
		})
	}, func(err error) {
		d.dlg.Hide()
		if err != nil {
			var ps xlsx.Problems
			if errors.As(err, &ps) {
				err = errorText(strings.Join(ps.Lines(), "\n"))
			}
			u.showError(trf("error.importfile", d.source), err)
			return
		}
		u.hist.clear()
		d.finished = trf("import.done", len(d.changes), d.source)
		u.reload(func() {
			dialog.ShowInformation(tr("import.title"), d.finished, u.win)
		})
	})
}
