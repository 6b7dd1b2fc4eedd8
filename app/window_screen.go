//go:build !android && !ios && !js && !wasm

package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// fitToScreen makes the window no larger than the screen it opens on (the
// primary screen): the remembered or default size is cut to it.
func (u *UI) fitToScreen() {
	want := u.windowSize()
	if got := atLeastContent(fitSize(want, screenSize(u.win)), u.win.Content()); got != want {
		u.win.Resize(got)
	}
	u.win.CenterOnScreen()
	u.refitPending = true
}

// refit centres the window again once the first document is shown: its
// screens then need more width than the empty ones fitToScreen measured,
// and the driver widens the window without moving it, past the screen's
// right edge (9 px at 1024 wide, issue 22).
func (u *UI) refit() {
	if !u.refitPending {
		return
	}
	u.refitPending = false
	size := u.win.Canvas().Size()
	if need := atLeastContent(size, u.win.Content()); need != size {
		u.win.Resize(need)
	}
	u.win.CenterOnScreen()
}

// screenSize is the size of the primary screen in w's units, or zero when
// the driver gives none (a test driver, no monitor). It runs on the main
// goroutine once the GLFW driver has started (Run); Fyne 2.7 offers no
// screen size of its own.
func screenSize(w fyne.Window) (size fyne.Size) {
	defer func() {
		if recover() != nil {
			size = fyne.Size{}
		}
	}()
	mon := glfw.GetPrimaryMonitor()
	if mon == nil {
		return fyne.Size{}
	}
	mode := mon.GetVideoMode()
	if mode == nil {
		return fyne.Size{}
	}
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(mode.Width)/scale, float32(mode.Height)/scale)
}
