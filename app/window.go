package app

import (
	"errors"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// Window size: the size the user left the window at is remembered; the
// first start uses defaultWindowSize, and either is cut to the screen
// (fitToScreen) so that the window never opens larger than the screen.
// Fyne 2.7 has no way to place a window, so its position is the system's.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

var defaultWindowSize = fyne.NewSize(1280, 760)

// minWindowSize is the smallest size every screen is laid out for.
var minWindowSize = fyne.NewSize(1024, 700)

func (u *UI) windowSize() fyne.Size {
	p := u.app.Preferences()
	w, h := float32(p.Float(prefWidth)), float32(p.Float(prefHeight))
	if w < 400 || h < 300 {
		return defaultWindowSize
	}
	return fyne.NewSize(w, h)
}

// rememberSize keeps the window's size for the next start.
func (u *UI) rememberSize() {
	s := u.win.Canvas().Size()
	if s.Width < 400 || s.Height < 300 {
		return
	}
	p := u.app.Preferences()
	p.SetFloat(prefWidth, float64(s.Width))
	p.SetFloat(prefHeight, float64(s.Height))
}

// fitSize cuts want to a screen of the given size (in the window's units),
// leaving room for the system's panels; a screen of unknown size (zero) is
// taken for the smallest the app is laid out for, 1024×700.
func fitSize(want, screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		screen = minWindowSize
	}
	return fyne.NewSize(min(want.Width, screen.Width*0.96), min(want.Height, screen.Height*0.90))
}

// atLeastContent widens size to what content needs at the least. The
// driver would widen the window to it anyway, but after it was centred for
// the smaller size, so that it reached past the screen's right edge (9 px
// with an open period on a 1024-wide screen, issue 22); centred at its real
// width it fits.
func atLeastContent(size fyne.Size, content fyne.CanvasObject) fyne.Size {
	if content != nil {
		size.Width = max(size.Width, content.MinSize().Width)
	}
	return size
}

// watchDay moves the as-of date on at midnight, so that a window left
// open overnight shows today's statuses. It costs one timer a day.
func (u *UI) watchDay() {
	now := time.Now()
	next := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 1, 0, now.Location())
	time.AfterFunc(next.Sub(now), func() {
		u.do(func() {
			u.checkDay()
			u.watchDay()
		}, false)
	})
}

// checkDay shows the figures as of the clock's date when it has changed
// (after midnight, or when the computer wakes up on another day).
func (u *UI) checkDay() {
	if u.dayChanged() && u.doc != nil {
		u.refreshAll()
	}
}

// CheckDisplay reports, in one readable line, why the desktop app cannot
// open a window here (no X11 or Wayland display on Linux and the BSDs);
// nil when a display is there or the system always has one. main calls it
// before starting the app instead of letting GLFW panic.
func CheckDisplay() error {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
	default:
		return nil
	}
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	d := os.Getenv("DISPLAY")
	if d == "" {
		return errors.New("there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open; " +
			"run a command instead (strategytracker help) or start the app on a virtual display with xvfb-run")
	}
	if err := dialDisplay(d); err != nil {
		return errors.New("cannot connect to the display " + d + " (" + err.Error() + "), so the window cannot open")
	}
	return nil
}

// dialDisplay connects to the X server named by DISPLAY
// ([host]:number[.screen]) and hangs up.
func dialDisplay(display string) error {
	host, rest, ok := strings.Cut(display, ":")
	if !ok {
		return errors.New("DISPLAY is not of the form host:number")
	}
	num, _, _ := strings.Cut(rest, ".")
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return errors.New("DISPLAY is not of the form host:number")
	}
	var conn net.Conn
	switch {
	case strings.HasPrefix(host, "/"): // a socket path (XQuartz)
		conn, err = net.DialTimeout("unix", display, 2*time.Second)
	case host == "" || host == "unix":
		path := "/tmp/.X11-unix/X" + num
		conn, err = net.DialTimeout("unix", path, 2*time.Second)
		if err != nil && runtime.GOOS == "linux" {
			conn, err = net.DialTimeout("unix", "@"+path, 2*time.Second) // the abstract socket
		}
	default:
		conn, err = net.DialTimeout("tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)), 2*time.Second)
	}
	if err != nil {
		return err
	}
	return conn.Close()
}
