package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// datePicker is the calendar under a date field. Fyne's own calendar
// writes its month with Go's English names ("December 2026" above
// Bulgarian day names, issue 22); this one takes the month and day names
// from the translation files, starts the week on Monday and closes on Esc.
type datePicker struct {
	widget.BaseWidget
	month    time.Time // the first day of the month shown
	selected model.Date
	label    *widget.Label
	days     *fyne.Container
	root     fyne.CanvasObject
	// OnChanged gets the day picked.
	OnChanged func(time.Time)
	// onEscape closes the calendar (Esc, while it has the focus).
	onEscape func()
}

func newDatePicker(start time.Time, selected model.Date, changed func(time.Time)) *datePicker {
	p := &datePicker{month: time.Date(start.Year(), start.Month(), 1, 12, 0, 0, 0, time.UTC), selected: selected, OnChanged: changed}
	p.label = widget.NewLabel("")
	p.label.Alignment = fyne.TextAlignCenter
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.show(p.month.AddDate(0, -1, 0)) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.show(p.month.AddDate(0, 1, 0)) })
	prev.Importance, next.Importance = widget.LowImportance, widget.LowImportance
	p.days = container.NewGridWithColumns(7)
	p.root = container.NewBorder(container.NewBorder(nil, nil, prev, next, p.label), nil, nil, nil, p.days)
	p.show(p.month)
	p.ExtendBaseWidget(p)
	return p
}

func (p *datePicker) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.root) }

// The calendar takes the focus while it is open (openCalendar), for Esc.

// FocusGained is part of fyne.Focusable.
func (p *datePicker) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (p *datePicker) FocusLost() {}

// TypedRune is part of fyne.Focusable.
func (p *datePicker) TypedRune(rune) {}

// TypedKey closes the calendar on Esc.
func (p *datePicker) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && p.onEscape != nil {
		p.onEscape()
	}
}

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// show shows the month of first (its first day).
func (p *datePicker) show(first time.Time) {
	p.month = first
	p.label.SetText(fmt.Sprintf(tr("calendar.month"), tr(fmt.Sprintf("month.%d", int(first.Month()))), first.Year()))
	var cells []fyne.CanvasObject
	for _, d := range weekdays {
		l := widget.NewLabel(tr(d + ".short"))
		l.Alignment = fyne.TextAlignCenter
		cells = append(cells, l)
	}
	for i := 0; i < (int(first.Weekday())+6)%7; i++ {
		cells = append(cells, widget.NewLabel(""))
	}
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		day := d
		b := widget.NewButton(fmt.Sprint(d.Day()), func() { p.OnChanged(day) })
		b.Importance = widget.LowImportance
		if model.DateOf(d) == p.selected {
			b.Importance = widget.HighImportance
		}
		cells = append(cells, b)
	}
	p.days.Objects = cells
	p.days.Refresh()
}
