//go:build android || ios || js || wasm

package app

import "fyne.io/fyne/v2"

// fitToScreen: the system sizes the window on these platforms.
func (u *UI) fitToScreen() {}

// screenSize: the system sizes windows on these platforms.
func screenSize(fyne.Window) fyne.Size { return fyne.Size{} }
