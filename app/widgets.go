package app

import (
	"image/color"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// field is one input of a form, with its validation message beside it.
// What the user may not change shows as readable text instead of a greyed
// input (setReadOnly).
type field struct {
	label string
	input fyne.CanvasObject
	err   *widget.Label
	ro    *widget.Label // the value as text, shown instead of input when read-only
	// display writes the value for the read-only text; nil: from the input.
	display func() string
	note    *widget.Label // an explanation under the input, shown with it
}

// withNote adds an explanation under the input.
func (f *field) withNote(text string) *field {
	f.note = hint(text)
	return f
}

func newField(label string, input fyne.CanvasObject) *field {
	e := widget.NewLabel("")
	e.Importance = widget.DangerImportance
	e.Wrapping = fyne.TextWrapWord
	e.Hide()
	ro := widget.NewLabel("")
	ro.Wrapping = fyne.TextWrapWord
	ro.Hide()
	return &field{label: label, input: input, err: e, ro: ro}
}

// setError shows msg beside the field ("" hides it).
func (f *field) setError(msg string) {
	f.err.SetText(msg)
	if msg == "" {
		f.err.Hide()
	} else {
		f.err.Show()
	}
}

// setReadOnly shows the field's value as text (true) or its input.
func (f *field) setReadOnly(ro bool) {
	if !ro {
		f.ro.Hide()
		f.input.Show()
		if f.note != nil {
			f.note.Show()
		}
		return
	}
	if f.note != nil {
		f.note.Hide()
	}
	text := ""
	if f.display != nil {
		text = f.display()
	} else {
		text = inputText(f.input)
	}
	if strings.TrimSpace(text) == "" {
		text = "—"
	}
	f.ro.SetText(text)
	f.input.Hide()
	f.ro.Show()
}

// inputText is what an input holds, written for people.
func inputText(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *widget.Entry:
		return w.Text
	case *widget.Select:
		return w.Selected
	case *widget.Check:
		if w.Checked {
			return tr("value.yes")
		}
		return tr("value.no")
	case *widget.CheckGroup:
		return strings.Join(w.Selected, ", ")
	case *widget.RadioGroup:
		return w.Selected
	case *fyne.Container:
		var parts []string
		for _, c := range w.Objects {
			if t := inputText(c); t != "" {
				parts = append(parts, t)
			}
		}
		return strings.Join(parts, " ")
	}
	return ""
}

// formGrid lays fields out in two columns: label, then the input with its
// message under it.
func formGrid(fields ...*field) *fyne.Container {
	c := container.New(layout.NewFormLayout())
	for _, f := range fields {
		l := widget.NewLabel(f.label)
		l.TextStyle = fyne.TextStyle{Bold: true}
		c.Add(l)
		box := container.NewVBox(wheelThrough(f.input), f.ro, f.err)
		if f.note != nil {
			box.Add(f.note)
		}
		c.Add(box)
	}
	return c
}

// dateEntry is an entry for a civil date in the current language's form,
// with a calendar button beside the text: a date is picked or typed. The
// calendar of an empty field opens on the session's today (u.today, the
// clock the app was given), not the machine's.
func (u *UI) dateEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(tr("placeholder.date"))
	pick := widget.NewButtonWithIcon("", theme.CalendarIcon(), nil)
	pick.Importance = widget.LowImportance
	pick.OnTapped = func() { openCalendar(e, u.today) }
	e.ActionItem = pick
	return e
}

// openCalendar shows a calendar under e, on the month of e's date or else
// of today; the day picked is written in e. Esc closes it without a change.
// The calendar takes the keyboard's focus itself rather than the canvas's
// key handler, so that however it closes — a pick, Esc, a tap outside, its
// dialog or screen going away — nothing of it is left behind on the canvas.
func openCalendar(e *widget.Entry, today model.Date) {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil || e.Disabled() {
		return
	}
	start := today.Time()
	var selected model.Date
	if d, err := model.ParseDate(e.Text); err == nil {
		start, selected = d.Time(), d
	}
	var pop *widget.PopUp
	closeIt := func() {
		pop.Hide()
		c.Focus(e)
	}
	cal := newDatePicker(start, selected, func(t time.Time) {
		e.SetText(model.DateOf(t).Format(currentLang()))
		closeIt()
	})
	cal.onEscape = closeIt
	pop = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height))
	if size := c.Size(); pos.Y+pop.MinSize().Height > size.Height {
		pos.Y = max(0, size.Height-pop.MinSize().Height)
	}
	pop.ShowAtPosition(pos)
	c.Focus(cal) // Esc comes to the calendar, not to the field
}

// roleName is a role in the current language.
func roleName(r model.Role) string { return tr("role." + string(r)) }

// entityName is an entity in the current language.
func entityName(e model.Entity) string { return tr("entity." + string(e)) }

// fieldName is a field (its JSON name) in the current language; unknown
// fields show as they are.
func fieldName(name string) string {
	key := "field." + name
	if t := tr(key); t != key {
		return t
	}
	return name
}

// lockBanner explains why controls are disabled.
func lockBanner() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func setBanner(l *widget.Label, msg string) {
	if msg == "" {
		l.Hide()
		return
	}
	l.SetText(msg)
	l.Show()
}

// permit shows w only when the user's role allows its action — an action
// one may not take is hidden, and the screen's lock banner says why — and
// then enables it when it can be used now (a row is selected, a period is
// open).
func permit(w interface {
	fyne.Disableable
	fyne.CanvasObject
}, allowed, usable bool) {
	if !allowed {
		w.Hide()
		return
	}
	w.Show()
	enable(w, usable)
}

// enable enables or disables a widget.
func enable(w fyne.Disableable, ok bool) {
	if ok {
		w.Enable()
	} else {
		w.Disable()
	}
}

// lower is strings.ToLower, which folds Cyrillic as well as Latin.
func lower(s string) string { return strings.ToLower(s) }

// spacer is a fixed-size gap.
func spacer(w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

// heading is a bold title line; it wraps rather than widen the window.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// card groups content under a title.
func card(title string, content fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard("", "", container.NewBorder(heading(title), nil, nil, nil, content))
}

// The mouse wheel over a single-line entry of a long form scrolls the form:
// Fyne gives the wheel to the entry's own scroller, which has nowhere to
// go. wheelThrough lays a wheelPass over the entry; it takes only the wheel
// (taps, the pointer and the keyboard reach the entry) and hands it to the
// form's scroller, set by passWheel once the form is in one.
//
// Over a multi-line entry the pass takes the wheel only while the entry's
// text fits in it (nothing for the entry to scroll); once the text is
// longer it steps aside, until its size changes, so that the wheel scrolls
// the text.
type wheelPass struct {
	widget.BaseWidget
	target *container.Scroll
	entry  *widget.Entry // a multi-line entry under the pass, else nil
}

func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

func (w *wheelPass) MinSize() fyne.Size { return fyne.Size{} }

// Scrolled passes the wheel on to the form's scroller, or steps aside
// for a multi-line entry whose text is longer than it shows.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if w.entry != nil && !textFits(w.entry) {
		w.Hide()
		return
	}
	if w.target != nil {
		w.target.Scrolled(ev)
	}
}

// Resize follows the entry's size, and comes back over a multi-line entry
// whose text fits again.
func (w *wheelPass) Resize(size fyne.Size) {
	w.BaseWidget.Resize(size)
	if w.entry != nil && !w.Visible() && textFits(w.entry) {
		w.Show()
	}
}

// textFits reports whether the wrapped text of a multi-line entry fits in
// its height, with a line to spare (the wrap is estimated by widths).
func textFits(e *widget.Entry) bool {
	pad := theme.InnerPadding()
	width := e.Size().Width - 2*pad
	if width <= 0 {
		return true
	}
	line := fyne.MeasureText("Ag", theme.TextSize(), e.TextStyle).Height
	return float32(wrappedLines(e.Text, width, e.TextStyle)+1)*line+2*pad <= e.Size().Height
}

// wrappedLines estimates how many lines text takes wrapped at width.
func wrappedLines(text string, width float32, style fyne.TextStyle) int {
	lines := 0
	for _, par := range strings.Split(text, "\n") {
		w := fyne.MeasureText(par, theme.TextSize(), style).Width
		lines += max(1, int(math.Ceil(float64(w/width))))
	}
	return lines
}

// wheelThrough stacks a wheelPass over an entry; other inputs come back
// as they are.
func wheelThrough(o fyne.CanvasObject) fyne.CanvasObject {
	e, ok := o.(*widget.Entry)
	if !ok {
		return o
	}
	p := &wheelPass{}
	if e.MultiLine {
		p.entry = e
	}
	p.ExtendBaseWidget(p)
	return container.NewStack(e, p)
}

// passWheel points every wheelPass inside s at s.
func passWheel(s *container.Scroll) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *wheelPass:
			x.target = s
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(s.Content)
}

// linesList is a list of wrapped lines, each row as tall as its text.
func linesList(lines *[]string) *widget.List {
	var l *widget.List
	l = widget.NewList(func() int { return len(*lines) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("template")
			t.Wrapping = fyne.TextWrapWord
			return t
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText((*lines)[i])
			l.SetItemHeight(i, o.MinSize().Height)
		})
	return l
}
