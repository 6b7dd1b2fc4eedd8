package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A notice is the one shape of what the app tells and waits for nothing
// else: a result ("written to …"), a refusal, an error. Its button has the
// focus, so that Enter (or Space, or Esc) closes it, the same in every
// one (issue 22: Enter closed some result dialogs and not others).
type notice struct {
	dlg   *dialog.CustomDialog
	text  *widget.Label
	close *enterButton
}

// inform shows msg under title as a notice.
func (u *UI) inform(title, msg string) *notice {
	n := &notice{text: widget.NewLabel(msg)}
	n.text.Wrapping = fyne.TextWrapWord
	n.dlg = dialog.NewCustomWithoutButtons(dialogTitle(title), n.text, u.win)
	n.close = newEnterButton(tr("OK"), theme.ConfirmIcon(), func() {
		n.dlg.Hide()
		u.win.Canvas().Unfocus() // no focus left in a closed dialog
	})
	n.close.Importance = widget.HighImportance
	n.dlg.SetButtons([]fyne.CanvasObject{n.close})
	n.dlg.Resize(noticeSize(msg))
	n.dlg.Show()
	u.win.Canvas().Focus(n.close)
	u.observe(n)
	return n
}

// noticeSize fits a notice's text, wrapped at about 480 points, in a
// dialog no taller than most screens leave.
func noticeSize(msg string) fyne.Size {
	const width = 480
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	lines := wrappedLines(msg, width, fyne.TextStyle{})
	return fyne.NewSize(width+80, min(560, float32(lines)*line*1.15+140))
}
