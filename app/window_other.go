//go:build android || ios || js || wasm

package app

// fitToScreen: the system sizes the window on these platforms.
func (u *UI) fitToScreen() {}
