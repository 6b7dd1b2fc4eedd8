//go:build !android && !ios && !js && !wasm

package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// fitToScreen makes the window no larger than the primary screen. It runs
// on the main goroutine once the GLFW driver has started (Run); Fyne 2.7
// offers no screen size of its own.
func (u *UI) fitToScreen() {
	if u.opts.ScreenshotDir != "" {
		return // screenshots are taken at the sizes they name
	}
	defer func() { recover() }() // no GLFW monitor (a test driver): keep the size
	mon := glfw.GetPrimaryMonitor()
	if mon == nil {
		return
	}
	mode := mon.GetVideoMode()
	if mode == nil {
		return
	}
	scale := u.win.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	screen := fyne.NewSize(float32(mode.Width)/scale, float32(mode.Height)/scale)
	want := u.windowSize()
	if got := fitSize(want, screen); got != want {
		u.win.Resize(got)
	}
	u.win.CenterOnScreen()
}
