//go:build screenshots

package app

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"strategytracker/model"
)

// The screens the other screenshot lists do not reach (issue 22: every
// screen looked at): the menus open, Help › Keyboard shortcuts, the
// password question of a server connection, the refusals of hostile files
// (a workbook that is no workbook, a strategy file of a newer program, a
// file that is no strategy file, a file another program holds locked) and
// the progress of a long export.

// menuShots open File, Edit, View and Help of the main menu, and Help ›
// Keyboard shortcuts, as the keyboard does (F10, then the arrows).
func (u *UI) menuShots() []shot {
	c := u.win.Canvas()
	key := func(names ...fyne.KeyName) {
		for _, n := range names {
			if f := c.Focused(); f != nil {
				f.TypedKey(&fyne.KeyEvent{Name: n})
			}
		}
	}
	open := func(rights int) func() {
		return func() {
			u.hideDialogs()
			u.showScreen(screenDashboard)
			if m, ok := c.(interface{ ToggleMenu() }); ok {
				m.ToggleMenu() // File
			}
			for range rights {
				key(fyne.KeyRight)
			}
		}
	}
	return []shot{
		{"menu-file", open(0)},
		{"menu-edit", open(1)},
		{"menu-view", open(2)},
		{"menu-help", open(3)},
		{"menu-shortcuts", func() { key(fyne.KeyDown, fyne.KeyRight) }},
		{"menu-closed", u.hideDialogs},
	}
}

// refusalShots are the dialogs of the refusal classes, on hostile files
// made in dir (the driver's own temporary folder) and opened through the
// app's own ways (so.Opener: only files in dir).
func (u *UI) refusalShots(dir string) []shot {
	newer := filepath.Join(dir, "по-нова.db")
	foreign := filepath.Join(dir, "снимка.db")
	return []shot{
		{"password", func() {
			u.hideDialogs()
			u.showPassword("Password of i.petrova on db.sofia.example: ", make(chan *string, 1))
		}},
		{"refused-workbook", func() {
			u.hideDialogs()
			u.showScreen(screenReports)
			u.importWorkbook(shotName(u.lang, "актуализация.xlsx", "update.xlsx"), []byte("PK\x03\x04 this is no workbook"))
		}},
		{"refused-plan-workbook", func() {
			u.hideDialogs()
			u.importPlanBook(shotName(u.lang, "план.xlsx", "plan.xlsx"), []byte("<html>not a workbook</html>"))
		}},
		{"refused-newer", func() {
			u.hideDialogs()
			if err := newerFile(u.opts.CreateDemo, newer); err != nil {
				fyne.LogError("screenshots: newer file", err)
			}
			u.openFile(newer)
		}},
		{"refused-foreign", func() {
			u.hideDialogs()
			if err := os.WriteFile(foreign, []byte("\x89PNG\r\n\x1a\n not a strategy"), 0o644); err != nil {
				fyne.LogError("screenshots: foreign file", err)
			}
			u.openFile(foreign)
		}},
		{"export-progress", func() {
			u.hideDialogs()
			release := make(chan struct{})
			u.slow(tr("progress.export"), func(_ context.Context, progress func(int, int)) error {
				progress(800, 2000)
				<-release
				return nil
			}, func(error) {})
			holding = func() { close(release) }
		}},
		{"export-done", func() {
			u.hideDialogs()
			u.showExported(filepath.Join(u.saveFolder(), shotName(u.lang, "Дигитална-София-отчет.pdf", "Digital-Sofia-report.pdf")))
		}},
	}
}

// holding, when not nil, ends the work a shot left running (the export
// progress): the driver takes that shot without waiting for the work and
// then calls it.
var holding func()

// newerFile makes a strategy file at path as a newer program would write
// it: the demo with a schema (user_version, bytes 60–63 of the SQLite
// header) this build does not know.
func newerFile(create func(string) (model.Store, error), path string) error {
	if create == nil {
		return os.ErrInvalid
	}
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	s, err := create(path)
	if err != nil {
		return err
	}
	s.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	var v [4]byte
	binary.BigEndian.PutUint32(v[:], 999)
	if _, err := f.WriteAt(v[:], 60); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
