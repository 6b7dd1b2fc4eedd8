package app

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Work off the UI goroutine: background tasks, the busy indicator, the progress dialog of long work.

// background runs work off the UI goroutine; the function it returns, if
// any, runs on the UI goroutine through fyne.Do. Tests wait with settle.
func (u *UI) background(work func() func()) {
	u.tasks.Add(1)
	u.setBusy(1)
	go func() {
		defer u.tasks.Done()
		apply := work()
		u.do(func() {
			u.setBusy(-1)
			if apply != nil {
				apply()
			}
		}, true)
	}()
}

// setBusy counts work in flight and shows the busy indicator while there
// is some. The indicator is made when work starts and removed, its
// animation stopped, when the last piece ends: a hidden ProgressBarInfinite
// of Fyne 2.7 keeps animating (and redrawing the window) for ever.
func (u *UI) setBusy(delta int) {
	u.busy += delta
	if u.busyBox == nil {
		return
	}
	switch {
	case u.busy > 0 && len(u.busyBox.Objects) == 0:
		u.busyBox.Add(widget.NewProgressBarInfinite())
	case u.busy <= 0 && len(u.busyBox.Objects) > 0:
		for _, o := range u.busyBox.Objects {
			stopAnimation(o)
		}
		u.busyBox.RemoveAll()
	}
}

// stopAnimation stops an infinite progress bar for good.
func stopAnimation(o fyne.CanvasObject) {
	if b, ok := o.(*widget.ProgressBarInfinite); ok {
		b.Stop()
		b.Hide()
	}
}

// slow runs long work (export, import, opening a file) off the UI
// goroutine with a progress dialog, then runs then on the UI goroutine with
// the result. work may report its progress (done of total); the dialog then
// shows a bar that fills instead of one that only moves.
func (u *UI) slow(title string, work func(ctx context.Context, progress func(done, total int)) error, then func(err error)) {
	moving := widget.NewProgressBarInfinite()
	bar := widget.NewProgressBar()
	bar.Hide()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel(tr("progress.wait")), moving, bar), u.win)
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
	u.progress = d
	var mu sync.Mutex
	last := time.Time{}
	progress := func(done, total int) {
		mu.Lock()
		now := time.Now()
		if now.Sub(last) < 50*time.Millisecond && done < total {
			mu.Unlock()
			return // the window need not redraw for every row
		}
		last = now
		mu.Unlock()
		u.do(func() {
			if total <= 0 {
				return
			}
			if moving.Visible() {
				stopAnimation(moving)
				bar.Show()
			}
			bar.SetValue(float64(done) / float64(total))
		}, false)
	}
	u.background(func() func() {
		err := work(context.Background(), progress)
		return func() {
			stopAnimation(moving)
			d.Hide()
			if u.progress == d {
				u.progress = nil
			}
			then(err)
		}
	})
}
