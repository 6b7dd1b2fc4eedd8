package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"strategytracker/model"
)

// Undo and redo go edit by edit: a whole dialog's save is one step.
func TestUndoRedo(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.titleBG, "Портал за открити данни")
	retype(d.fields.manual, "70")
	h.tap(d.fields.saveBtn) // step 1: two fields

	d = h.open(mDocs)
	h.tap(d.milestones.complete[msOverdue])
	h.tap(latest[*completeForm](h).f.save) // step 2: complete today

	h.tap(d.updates.add)
	retype(latest[*updateForm](h).textBG, "Напредък")
	h.tap(latest[*updateForm](h).f.save) // step 3: a new row

	if got := len(h.u.hist.undo); got != 3 {
		t.Fatalf("undo steps = %d, want 3", got)
	}
	if got := len(h.stored(mDocs).Updates); got != 1 {
		t.Fatalf("updates = %d", got)
	}

	h.u.onUndo() // removes the update
	h.u.settle()
	if got := len(h.stored(mDocs).Updates); got != 0 {
		t.Errorf("after undo of the update: %d updates", got)
	}
	h.u.onUndo() // the completion
	h.u.settle()
	if got := h.storedMilestone(msOverdue).Completed; got != 0 {
		t.Errorf("after undo the milestone is completed on %s", got)
	}
	h.u.onUndo() // both fields of the measure
	h.u.settle()
	m := h.stored(mOpenData)
	if m.Title.BG != "Платформа за открити данни" || m.ManualProgress != 50 {
		t.Errorf("after undo: title %q, progress %v; want the old values", m.Title.BG, m.ManualProgress)
	}
	if h.u.hist.canUndo() || !h.u.menu.undo.Disabled {
		t.Error("undo is still possible with nothing left to undo")
	}

	h.u.onRedo()
	h.u.settle()
	m = h.stored(mOpenData)
	if m.Title.BG != "Портал за открити данни" || m.ManualProgress != 70 {
		t.Errorf("after redo: title %q, progress %v", m.Title.BG, m.ManualProgress)
	}
	h.u.onRedo()
	h.u.settle()
	h.u.onRedo()
	h.u.settle()
	if got := h.storedMilestone(msOverdue).Completed; got != testAsOf {
		t.Errorf("after redo the milestone is completed on %s, want %s", got, testAsOf)
	}
	ups := h.stored(mDocs).Updates
	if len(ups) != 1 || ups[0].Text.BG != "Напредък" {
		t.Errorf("after redo the update is %+v", ups)
	}
	// The re-created update got a new id; undoing it again still finds it.
	h.u.onUndo()
	h.u.settle()
	if got := len(h.stored(mDocs).Updates); got != 0 {
		t.Errorf("undo after redo left %d updates", got)
	}
	if got := h.u.menu.undo.Label; got != tr("menu.undo")+": 1.1: "+tr("undo.complete") {
		t.Errorf("undo menu item = %q", got)
	}
}

// Undo restores only what the edit changed: another person's later change
// of a different field stays.
func TestUndoKeepsOthersChanges(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.titleBG, "Портал")
	h.tap(d.fields.saveBtn)
	h.store.edit(func(doc *model.Doc) {
		m := doc.Measure(mOpenData)
		m.SpentCents = 777
		m.Version++
	})
	h.u.onUndo()
	h.u.settle()
	m := h.stored(mOpenData)
	if m.Title.BG != "Платформа за открити данни" || m.SpentCents != 777 {
		t.Errorf("after undo: title %q, spent %d; want the old title and their spending", m.Title.BG, m.SpentCents)
	}
}

// Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z undo and redo the app's edits — what
// Fyne 2.7 sends for them (ShortcutUndo, ShortcutRedo, a custom one) —
// and the focused entry's own typing first, while it has some unsaved.
func TestUndoShortcuts(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.manual, "80")
	h.tap(d.fields.saveBtn)
	c := h.u.win.Canvas().(fyne.Shortcutable)
	c.TypedShortcut(&fyne.ShortcutUndo{})
	h.u.settle()
	if got := h.stored(mOpenData).ManualProgress; got != 50 {
		t.Errorf("after Ctrl+Z progress = %v, want 50", got)
	}
	c.TypedShortcut(&fyne.ShortcutRedo{})
	h.u.settle()
	if got := h.stored(mOpenData).ManualProgress; got != 80 {
		t.Errorf("after Ctrl+Y progress = %v, want 80", got)
	}
	c.TypedShortcut(&fyne.ShortcutUndo{})
	h.u.settle()
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	h.u.settle()
	if got := h.stored(mOpenData).ManualProgress; got != 80 {
		t.Errorf("after Ctrl+Shift+Z progress = %v, want 80", got)
	}

	// The menu carries the shortcuts, so that they reach the app even when
	// an entry has the focus (the window asks the menus first).
	m := h.u.menu
	if _, ok := m.undo.Shortcut.(*fyne.ShortcutUndo); !ok {
		t.Errorf("Edit › Undo has the shortcut %v, want Ctrl+Z as Fyne sends it", m.undo.Shortcut)
	}
	if _, ok := m.redo.Shortcut.(*fyne.ShortcutRedo); !ok {
		t.Errorf("Edit › Redo has the shortcut %v", m.redo.Shortcut)
	}
	found := false
	for _, menu := range m.main.Items {
		for _, it := range menu.Items {
			if it.ChildMenu == nil {
				continue
			}
			for _, sub := range it.ChildMenu.Items {
				if sub.Shortcut != nil && sub.Shortcut.ShortcutName() == shortcutRedoShift.ShortcutName() {
					found = true
				}
			}
		}
	}
	if !found {
		t.Error("Ctrl+Shift+Z is in no menu")
	}

	// Typing in the focused entry is undone first; then the app's edit.
	d = h.u.detail
	h.u.win.Canvas().Focus(d.fields.titleBG)
	test.Type(d.fields.titleBG, "Нова")
	m.undo.Action()
	h.u.settle()
	if got := d.fields.titleBG.Text; got != "Платформа за открити данни" {
		t.Errorf("Ctrl+Z in the entry left %q", got)
	}
	if got := h.stored(mOpenData).ManualProgress; got != 80 {
		t.Errorf("Ctrl+Z with typing undid the app's edit too: progress %v", got)
	}
	m.undo.Action()
	h.u.settle()
	if got := h.stored(mOpenData).ManualProgress; got != 50 {
		t.Errorf("the second Ctrl+Z: progress %v, want 50", got)
	}
}

// "Saved." goes once an undo changed the values it was said of.
func TestSavedNoteGoesAfterUndo(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d := h.open(mOpenData)
	retype(d.fields.manual, "80")
	h.tap(d.fields.saveBtn)
	if !h.u.detail.fields.formNote.Visible() {
		t.Fatal("no Saved note")
	}
	h.u.onUndo()
	h.u.settle()
	if h.u.detail.fields.formNote.Visible() {
		t.Errorf("the note %q stays after Undo", h.u.detail.fields.formNote.Text)
	}
}

// Opening another file empties the history: undo never reaches across it.
func TestOpenFileEmptiesUndo(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	other := newMemStore(testDoc())
	other.path, other.dbID = "/tmp/other.db", "db-other"
	h.u.opts.Opener = func(path string) (model.Store, error) {
		if path != other.path {
			t.Errorf("opened %q", path)
		}
		return other, nil
	}
	d := h.open(mOpenData)
	retype(d.fields.manual, "80")
	h.tap(d.fields.saveBtn)
	if !h.u.hist.canUndo() {
		t.Fatal("nothing to undo after a save")
	}
	h.u.openFile(other.path)
	h.u.settle()
	if h.u.store != other {
		t.Fatal("the other file is not open")
	}
	if h.u.hist.canUndo() || h.u.hist.canRedo() {
		t.Error("the history survived opening a file")
	}
	if !h.store.closed {
		t.Error("the first file was not closed")
	}
	// The other file has its own remembered user: none yet.
	if h.u.me != nil || h.u.identity == nil {
		t.Errorf("user %v carried over to another file", h.u.me)
	}
	recent := h.app.Preferences().StringList(prefRecent)
	if len(recent) < 2 || recent[0] != other.path {
		t.Errorf("recent files = %v", recent)
	}
}
