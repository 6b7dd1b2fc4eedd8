//go:build android || ios || js || wasm

package app

import "fyne.io/fyne/v2"

// fitToScreen: the system sizes the window on these platforms.
func (u *UI) fitToScreen() {}

// refit: the system places the window on these platforms.
func (u *UI) refit() {}

// screenSize: the system sizes windows on these platforms.
func screenSize(fyne.Window) fyne.Size { return fyne.Size{} }
