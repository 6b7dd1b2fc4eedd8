package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
	"strategytracker/reports/reminder"
	"strategytracker/reports/xlsx"
)

// The files of the reporting cycle: one update template per unit, and
// reminder e-mails (.eml drafts, reports/reminder) to the units that have
// not reported, for the office to send from its own mail client. The app
// opens no network connection and keeps no mail password.

// filesResult is what a run of templates or reminders wrote.
type filesResult struct {
	dir     string
	paths   []string
	skipped []string // units without a coordinator's e-mail (reminders)
	// rewrote counts the templates the reminders wrote over: a reminder
	// carries the unit's template as of today, and says so.
	rewrote int
	err     error
}

// cycleJob is what the files of the cycle are made of, taken on the UI
// goroutine.
type cycleJob struct {
	store  model.Store
	doc    *model.Doc
	period *model.Period
	status model.PeriodStatus
	me     *model.Person
	lang   model.Lang
	asOf   model.Date
	at     time.Time
}

func (s *periodScreen) job() cycleJob {
	u := s.u
	me := *u.me
	p := *s.period
	return cycleJob{store: u.store, doc: u.doc, period: &p, status: s.status, me: &me, lang: u.lang, asOf: u.today, at: u.cycleNow()}
}

// unitTemplate is unit's update template of the period as bytes (with
// the period, its due date and the "filled in by" field: importing it
// records the unit's return).
func (j cycleJob) unitTemplate(unit string) ([]byte, error) {
	var buf bytes.Buffer
	err := xlsx.WritePeriodTemplate(&buf, j.doc, j.store.DatabaseID(), unit, j.period,
		xlsx.Options{Lang: j.lang, AsOf: j.asOf, PreparedBy: j.me.Name.In(j.lang), Created: j.at})
	return buf.Bytes(), err
}

// writeTemplates writes the templates of units into dir and records them
// as written in the period (one audited change). Nothing is recorded when
// a file cannot be written.
func (j cycleJob) writeTemplates(ctx context.Context, dir string, units []string, progress func(done, total int)) ([]string, error) {
	files, err := j.doc.CycleFiles(j.period, units, j.lang)
	if err != nil {
		return nil, err
	}
	if err := makeFolder(dir); err != nil {
		return nil, err
	}
	var paths []string
	for i, unit := range units {
		b, err := j.unitTemplate(unit)
		if err != nil {
			return paths, err
		}
		path := filepath.Join(dir, files[i].Template)
		if err := writeFile(path, b); err != nil {
			return paths, err
		}
		paths = append(paths, path)
		if progress != nil {
			progress(i+1, len(units))
		}
	}
	if len(units) == 0 {
		return nil, nil
	}
	err = j.store.Update(ctx, j.me.ID, model.ActionUpdate, "", func(tx model.Tx) error {
		_, err := model.RecordTemplatesWritten(tx, units, j.at)
		return err
	})
	return paths, err
}

// writeReminders writes a reminder to each unit that has not returned its
// template, with the template attached (and written beside it).
func (j cycleJob) writeReminders(ctx context.Context, dir string, progress func(done, total int)) filesResult {
	res := filesResult{dir: dir}
	var units []string
	for _, ur := range j.status.Units {
		if ur.State == model.UnitReturned {
			continue
		}
		if len(reminder.Recipients(j.doc, ur.Unit)) == 0 {
			res.skipped = append(res.skipped, ur.Unit)
			continue
		}
		units = append(units, ur.Unit)
	}
	if len(units) == 0 {
		return res
	}
	for _, unit := range units {
		if f, err := j.doc.CycleFileOf(j.period, unit, j.lang); err == nil {
			if _, err := os.Stat(filepath.Join(dir, f.Template)); err == nil {
				res.rewrote++
			}
		}
	}
	var err error
	res.paths, err = j.writeTemplates(ctx, dir, units, func(done, total int) {
		if progress != nil {
			progress(done, 2*total)
		}
	})
	if err != nil {
		res.err = err
		return res
	}
	for i, unit := range units {
		tmpl, err := j.unitTemplate(unit)
		if err != nil {
			res.err = err
			return res
		}
		files, err := j.doc.CycleFileOf(j.period, unit, j.lang)
		if err != nil {
			res.err = err
			return res
		}
		var missing []string
		for _, ur := range j.status.Units {
			if ur.Unit == unit {
				missing = ur.Measures
			}
		}
		msg := reminder.Message{Unit: j.doc.Unit(unit), To: reminder.Recipients(j.doc, unit), From: j.me, Period: j.period,
			Strategy: j.doc.Strategy.Title, Lang: j.lang, Template: tmpl, FileName: files.Template,
			Date: j.at, Missing: missing, DemoMarker: j.doc.Strategy.Demo}
		var buf bytes.Buffer
		if err := msg.Write(&buf); err != nil {
			res.err = err
			return res
		}
		path := filepath.Join(dir, files.Reminder)
		if err := writeFile(path, buf.Bytes()); err != nil {
			res.err = err
			return res
		}
		res.paths = append(res.paths, path)
		if progress != nil {
			progress(len(units)+i+1, 2*len(units))
		}
	}
	return res
}

// chooseFolder asks for a folder, starting beside the open file.
func (s *periodScreen) chooseFolder(then func(dir string)) {
	u := s.u
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError(tr("error.export"), err)
			return
		}
		if l == nil {
			return
		}
		then(l.Path())
	}, u.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(u.store.Path()))); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	showFileDialog(d, u.win)
}

func (s *periodScreen) onTemplates() {
	if s.denial() != "" || s.period == nil || s.period.State != model.PeriodOpen {
		return
	}
	s.chooseFolder(s.writeTemplates)
}

func (s *periodScreen) onReminders() {
	if s.denial() != "" || s.period == nil || s.period.State != model.PeriodOpen {
		return
	}
	s.chooseFolder(s.writeReminders)
}

// writeTemplates writes every reporting unit's template into dir, with
// progress, off the UI goroutine.
func (s *periodScreen) writeTemplates(dir string) {
	u := s.u
	if s.denial() != "" || s.period == nil || s.period.State != model.PeriodOpen {
		return
	}
	j := s.job()
	units := j.doc.ReportingUnits()
	res := &filesResult{dir: dir}
	u.slow(tr("period.templates"), func(ctx context.Context, progress func(int, int)) error {
		res.paths, res.err = j.writeTemplates(ctx, dir, units, progress)
		return res.err
	}, func(err error) { s.filesDone(tr("period.templates"), res) })
}

// writeReminders writes the reminders into dir, off the UI goroutine.
func (s *periodScreen) writeReminders(dir string) {
	u := s.u
	if s.denial() != "" || s.period == nil || s.period.State != model.PeriodOpen {
		return
	}
	j := s.job()
	var res filesResult
	u.slow(tr("period.reminders"), func(ctx context.Context, progress func(int, int)) error {
		res = j.writeReminders(ctx, dir, progress)
		return res.err
	}, func(err error) { s.filesDone(tr("period.reminders"), &res) })
}

// filesDone says what was written (and what not), then reads the file
// again: the templates are now recorded as written.
func (s *periodScreen) filesDone(title string, res *filesResult) {
	u := s.u
	u.observe(res)
	var lines []string
	if res.err != nil {
		lines = append(lines, tr("period.files.failed")+": "+errorMessage(res.err))
	}
	if len(res.paths) == 0 && res.err == nil && len(res.skipped) == 0 {
		lines = append(lines, tr("period.files.none"))
	}
	if len(res.paths) > 0 {
		if len(res.paths) == 1 {
			lines = append(lines, trf("period.files.written.one", res.dir))
		} else {
			lines = append(lines, trf("period.files.written", len(res.paths), res.dir))
		}
		for _, p := range res.paths {
			lines = append(lines, "• "+filepath.Base(p))
		}
	}
	for _, unit := range res.skipped {
		lines = append(lines, trf("period.files.noemail", unit+" · "+u.unitName(unit)))
	}
	if res.rewrote > 0 {
		lines = append(lines, trn("period.reminders.rewrote", res.rewrote, res.rewrote))
	}
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, tr("action.close"), container.NewVScroll(text), u.win)
	d.Resize(fyne.NewSize(min(720, max(480, u.win.Canvas().Size().Width*0.7)), min(520, max(320, u.win.Canvas().Size().Height*0.7))))
	d.Show()
	u.reload(nil)
}
