//go:build linux || freebsd || openbsd || netbsd

package app

import (
	"net/url"
	"os"

	"fyne.io/fyne/v2"
)

// systemOpen opens u with xdg-open, as the toolkit does, but waits for it
// in the background: the toolkit starts it and never waits, which left an
// xdg-open zombie after every "Open file" (issue 22). Inside a Flatpak the
// toolkit's portal is used.
func systemOpen(a fyne.App, u *url.URL) error {
	if os.Getenv("FLATPAK_ID") != "" {
		return a.OpenURL(u)
	}
	_, err := startReaped("xdg-open", u.String())
	return err
}
