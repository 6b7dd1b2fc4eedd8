package app

import (
	"reflect"
	"time"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The blinking cursor of a focused text field redraws the window 60 times
// a second for as long as the field has the focus, which cost 9–14 % of a
// core here (BENCHMARKS.md). As many editors do, the cursor stops blinking
// once the field has had the focus for cursorSteadyAfter: it then stays
// drawn, solid, until the field loses the focus (and blinks again when it
// gets it back). Fyne 2.7 has no switch for one field's animation (only
// the global "no animations" setting of the user's Fyne settings file), so
// steadier reaches the animation through the entry's unexported field;
// TestCursorStopsBlinking fails if a Fyne upgrade moves it.

const (
	cursorSteadyAfter = 4 * time.Second
	cursorPoll        = 2 * time.Second
)

// watchCursor checks every cursorPoll which field has the focus and makes
// the cursor of one focused since the previous check steady. It stops with
// the window. The check itself costs nothing worth measuring.
func (u *UI) watchCursor() {
	var last fyne.Focusable
	var since time.Time
	t := time.NewTicker(cursorPoll)
	stop := u.cursorStop
	go func() {
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case now := <-t.C:
				u.do(func() {
					f := u.win.Canvas().Focused()
					if f != last {
						// A field that had the focus may keep it behind a
						// dialog opened since (each overlay has its own
						// focus), blinking unseen: make it steady.
						if e := focusedEntry(last); e != nil {
							u.cursor.steady(e)
						}
						last, since = f, now
						return
					}
					if e := focusedEntry(f); e != nil && now.Sub(since) >= cursorSteadyAfter {
						u.cursor.steady(e)
					}
				}, false)
			}
		}
	}()
}

// focusedEntry is the Fyne entry inside f (an entry, or a widget of ours
// that embeds one), or nil.
func focusedEntry(f fyne.Focusable) *widget.Entry {
	switch e := f.(type) {
	case *widget.Entry:
		return e
	case interface{ entry() *widget.Entry }:
		return e.entry()
	}
	if f == nil {
		return nil
	}
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	if fv := v.Elem().FieldByName("Entry"); fv.IsValid() && fv.Type() == reflect.TypeOf(widget.Entry{}) {
		return fv.Addr().Interface().(*widget.Entry)
	}
	return nil
}

// steadier stops the blinking of the window's focused field; it runs on
// the UI goroutine only.
type steadier struct {
	// last is the animation steady stopped last: the focused field's,
	// which stays in the field, stopped, until it loses the focus.
	last *fyne.Animation
}

// steady stops the blinking of e's cursor and draws it solid; false when
// e has no running animation (not focused, or already steady).
func (s *steadier) steady(e *widget.Entry) bool {
	anim := unexported(reflect.ValueOf(e).Elem().FieldByName("cursorAnim"))
	if !anim.IsValid() || anim.IsNil() {
		return false
	}
	running := unexported(anim.Elem().FieldByName("anim"))
	cursor := unexported(anim.Elem().FieldByName("cursor"))
	a, ok := running.Interface().(*fyne.Animation)
	if !ok || a == nil || a == s.last {
		return false
	}
	a.Stop() // the field keeps it, so that the entry does not start another while focused
	s.last = a
	if r, ok := cursor.Interface().(*canvas.Rectangle); ok && r != nil {
		r.FillColor = e.Theme().Color(theme.ColorNamePrimary, fyne.CurrentApp().Settings().ThemeVariant())
		r.Refresh()
	}
	return true
}

// unexported makes the unexported field v usable (read-only use here).
func unexported(v reflect.Value) reflect.Value {
	if !v.IsValid() || !v.CanAddr() {
		return reflect.Value{}
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}
