//go:build !(linux || freebsd || openbsd || netbsd)

package app

import (
	"net/url"

	"fyne.io/fyne/v2"
)

// systemOpen opens u with the toolkit's opener (Windows, macOS: no child
// process is left behind).
func systemOpen(a fyne.App, u *url.URL) error { return a.OpenURL(u) }
