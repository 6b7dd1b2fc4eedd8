package app

import "fyne.io/fyne/v2/dialog"

// warnNetworkDrive warns once a file is open that lies on a network share:
// SQLite's locking is unreliable there, and the shared server is the way
// for several people (issue 12).
func (u *UI) warnNetworkDrive() {
	if u.opts.NetworkDrive == nil || u.store == nil {
		return
	}
	path := u.store.Path()
	kind, network := u.opts.NetworkDrive(path)
	if !network {
		return
	}
	d := dialog.NewInformation(tr("netfs.title"), trf("netfs.warning", path, kind), u.win)
	u.observe(networkWarning(path))
	d.Show()
}

// networkWarning is the warning shown for a file on a network share (tests).
type networkWarning string
