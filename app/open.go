package app

import (
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
)

// openPath opens a file or folder with the system's application for it.
func (u *UI) openPath(path string) {
	slashed := filepath.ToSlash(path)
	if !strings.HasPrefix(slashed, "/") {
		slashed = "/" + slashed // C:/… on Windows
	}
	target := &url.URL{Scheme: "file", Path: slashed}
	open := u.opts.OpenURL
	if open == nil {
		open = func(x *url.URL) error { return systemOpen(u.app, x) }
	}
	if err := open(target); err != nil {
		u.showError(tr("error.open"), err)
	}
}

// startReaped starts name with args and waits for it in the background, so
// that it leaves no zombie; done gets its end.
func startReaped(name string, args ...string) (done <-chan error, err error) {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	ch := make(chan error, 1)
	go func() { ch <- cmd.Wait() }()
	return ch, nil
}
