package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// exportJob is what an export is made of.
type exportJob struct {
	doc        *model.Doc
	asOf       model.Date
	lang       model.Lang
	unit       string // "" for all units
	databaseID string
	by         string // who prepares it
	version    string // the build's, for the file's metadata
	progress   func(done, total int)
}

// exporter is one kind of export: a name and a writer of the file.
type exporter struct {
	key  string // translation key of its name; key+".file" names its files
	ext  string
	unit bool // the file is made for one unit (or all)
	// reads: write only reads the document, so it is given the window's
	// own (u.doc, replaced whole by every reload, never changed in place)
	// instead of a copy read again from the store: the large strategy's
	// document is 10 MB live and 34 MB allocated to read (issue 22: the
	// app's peak memory during the PDF export). A writer that changes it
	// (model.Encode normalises it) reads its own copy.
	reads bool
	write func(w io.Writer, j exportJob) error
}

// exporters lists what File › Export… offers: the exchange file and the
// reports (reportsbridge.go).
func (u *UI) exporters() []exporter {
	list := []exporter{{key: "export.json", ext: ".json", write: func(w io.Writer, j exportJob) error {
		return model.Encode(w, j.doc)
	}}}
	return append(list, reportExporters()...)
}

// exportForm is File › Export…: what to export, for which date and
// language, and where.
type exportForm struct {
	f         *formDialog
	kind      *widget.RadioGroup
	lang      *widget.RadioGroup
	asOf      *widget.Entry
	unit      *widget.Select
	units     []string
	path      *pathForm
	list      []exporter
	nameField *field
	proposed  string // the name the form proposed last; one the user typed stays
	doc       *model.Doc
}

// onExport opens the export form (File › Export…, Ctrl+E).
func (u *UI) onExport() { u.openExport("") }

// openExport opens the export form with the exporter kind (a key) chosen.
func (u *UI) openExport(kind string) {
	if u.doc == nil {
		return
	}
	e := &exportForm{list: u.exporters(), asOf: u.dateEntry(), doc: u.doc}
	var names []string
	sel := 0
	for i, x := range e.list {
		names = append(names, tr(x.key))
		if x.key == kind {
			sel = i
		}
	}
	e.path = u.newPathForm("")
	e.kind = widget.NewRadioGroup(names, nil)
	e.kind.Required = true
	e.lang = widget.NewRadioGroup([]string{"Български", "English"}, nil)
	e.lang.Horizontal = true
	e.lang.Required = true
	if u.lang == model.EN {
		e.lang.SetSelected("English")
	} else {
		e.lang.SetSelected("Български")
	}
	e.asOf.SetText(u.today.Format(u.lang))
	labels, codes := unitChoices(u.doc, u.lang) // choices.go: "CODE · name"
	unitOpts := append([]string{tr("filter.allunits")}, labels...)
	e.units = append([]string{""}, codes...)
	e.unit = widget.NewSelect(unitOpts, func(string) { e.propose() })
	e.unit.SetSelectedIndex(0)
	e.kind.OnChanged = func(string) {
		enable(e.unit, e.exporter().unit)
		e.propose()
	}
	e.lang.OnChanged = func(string) { e.propose() }
	e.asOf.OnChanged = func(string) { e.propose() }
	e.kind.SetSelected(names[sel])
	pf := e.path.fields()
	e.nameField = pf[1]
	asOfField := newField(tr("label.asof"), e.asOf)
	fields := append([]*field{newField(tr("export.kind"), e.kind), newField(tr("export.lang"), e.lang), asOfField,
		newField(tr("export.unit"), e.unit)}, pf...)
	e.f = u.newFormDialog(tr("export.title"), formGrid(fields...), func() { u.onExportSave(e, asOfField) })
	e.f.save.SetText(tr("action.export"))
	e.path.name.OnSubmitted = func(string) { e.f.save.OnTapped() }
	e.f.dlg.Show()
	u.observe(e)
}

// exporter is the kind chosen.
func (e *exportForm) exporter() exporter {
	for i, n := range e.kind.Options {
		if n == e.kind.Selected {
			return e.list[i]
		}
	}
	return e.list[0]
}

func (e *exportForm) language() model.Lang {
	if e.lang.Selected == "English" {
		return model.EN
	}
	return model.BG
}

// propose names the file by the strategy (its short title), its kind,
// unit and the reporting period of the as-of date (else the date), in the
// chosen language ("СДТС-отчет-IV-тримесечие-2026.pdf"), unless the user
// typed a name: two strategies' reports no longer propose one name.
func (e *exportForm) propose() {
	if e.path == nil || (e.path.name.Text != "" && e.path.name.Text != e.proposed) {
		return
	}
	x, lang := e.exporter(), e.language()
	var parts []string
	if e.doc != nil {
		short := e.doc.Strategy.ShortTitle.In(lang)
		if short == "" {
			short = e.doc.Strategy.Title.In(lang)
		}
		parts = append(parts, fileWord(short, 24))
	}
	parts = append(parts, trIn(lang, x.key+".file"))
	if i := e.unit.SelectedIndex(); x.unit && i > 0 {
		parts = append(parts, e.units[i])
	}
	if d, err := model.ParseDate(e.asOf.Text); err == nil {
		if p := periodOn(e.doc, d); p != nil {
			parts = append(parts, fileWord(p.Name.In(lang), 40))
		} else {
			parts = append(parts, d.String())
		}
	}
	var name []string
	for _, p := range parts {
		if p != "" {
			name = append(name, p)
		}
	}
	e.proposed = strings.Join(name, "-") + x.ext
	e.path.name.SetText(e.proposed)
}

// periodOn is the reporting period whose dates hold d, or nil.
func periodOn(d *model.Doc, day model.Date) *model.Period {
	if d == nil {
		return nil
	}
	for i := range d.Periods {
		if p := &d.Periods[i]; p.Start <= day && day <= p.End {
			return p
		}
	}
	return nil
}

// fileWord makes s a part of a file name on every system: letters and
// digits kept (Cyrillic too), anything else one hyphen, at most n letters.
func fileWord(s string, n int) string {
	var b strings.Builder
	count, dash := 0, false
	for _, r := range s {
		if count >= n {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			count++
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

func (u *UI) onExportSave(e *exportForm, asOfField *field) {
	x := e.exporter()
	if x.write == nil {
		return
	}
	asOf, msg := parseRequiredDate(e.asOf.Text)
	asOfField.setError(msg)
	path, pmsg := e.path.anyPath(x.ext)
	e.nameField.setError(pmsg)
	if msg != "" || pmsg != "" {
		return
	}
	write := func() {
		e.f.dlg.Hide()
		u.app.Preferences().SetString(prefSaveFolder, filepath.Dir(path))
		u.export(x, path, asOf, e.language(), e.units[max(0, e.unit.SelectedIndex())])
	}
	if _, err := os.Stat(path); err == nil {
		u.askOverwrite(path, write)
		return
	}
	write()
}

// overwriteQuestion asks before an existing file is replaced.
type overwriteQuestion struct{ yes, no *widget.Button }

func (u *UI) askOverwrite(path string, yes func()) {
	q := widget.NewLabel(trf("export.overwrite", filepath.Base(path), filepath.Dir(path)))
	q.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomWithoutButtons(tr("export.overwrite.title"), q, u.win)
	o := &overwriteQuestion{}
	o.no = widget.NewButtonWithIcon(tr("action.cancel"), theme.CancelIcon(), dlg.Hide)
	o.yes = widget.NewButtonWithIcon(tr("export.replace"), theme.ConfirmIcon(), func() {
		dlg.Hide()
		yes()
	})
	o.yes.Importance = widget.DangerImportance
	dlg.SetButtons([]fyne.CanvasObject{o.no, o.yes})
	dlg.Resize(fyne.NewSize(520, 200))
	dlg.Show()
	u.win.Canvas().Focus(o.no)
	u.observe(o)
}

// export writes the file off the UI goroutine, then offers to open it.
func (u *UI) export(x exporter, path string, asOf model.Date, lang model.Lang, unit string) {
	store := u.store
	by := ""
	if u.me != nil {
		by = u.me.Name.In(lang)
	}
	var shown *model.Doc
	if x.reads {
		shown = u.doc
	}
	u.slow(tr("progress.export"), func(ctx context.Context, progress func(int, int)) error {
		defer underMemoryLimit()()
		doc := shown
		if doc == nil {
			var err error
			if doc, err = store.Doc(ctx); err != nil {
				return err
			}
		}
		j := exportJob{doc: doc, asOf: asOf, lang: lang, unit: unit, databaseID: store.DatabaseID(), by: by, version: u.opts.Version, progress: progress}
		return writeFileWith(path, func(w io.Writer) error { return x.write(w, j) })
	}, func(err error) {
		if err != nil {
			u.showError(tr("error.export"), err)
			return
		}
		u.showExported(path)
	})
}

// exportedDialog says where the file went and offers to open it or its
// folder; Enter closes it.
type exportedDialog struct {
	dlg          *dialog.CustomDialog
	open, folder *widget.Button
	done         *enterButton
	path         string
}

func (u *UI) showExported(path string) {
	d := &exportedDialog{path: path}
	text := widget.NewLabel(trf("export.done", path))
	text.Wrapping = fyne.TextWrapWord
	d.dlg = dialog.NewCustomWithoutButtons(tr("export.title"), text, u.win)
	d.open = widget.NewButtonWithIcon(tr("export.open"), theme.FileIcon(), func() { u.openPath(path) })
	d.folder = widget.NewButtonWithIcon(tr("export.showfolder"), theme.FolderOpenIcon(), func() { u.openPath(filepath.Dir(path)) })
	d.done = newEnterButton(tr("action.close"), theme.ConfirmIcon(), d.dlg.Hide)
	d.done.Importance = widget.HighImportance
	d.dlg.SetButtons([]fyne.CanvasObject{d.open, d.folder, d.done})
	d.dlg.Resize(fyne.NewSize(560, 200))
	d.dlg.Show()
	u.win.Canvas().Focus(d.done) // Enter closes
	u.observe(d)
}

// enterButton is a button that Enter presses as well as Space: the one a
// dialog focuses for the keyboard.
type enterButton struct{ widget.Button }

func newEnterButton(label string, icon fyne.Resource, tapped func()) *enterButton {
	b := &enterButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter too.
func (b *enterButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		b.Tapped(nil)
		return
	}
	b.Button.TypedKey(ev)
}
