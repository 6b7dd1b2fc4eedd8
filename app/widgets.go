package app

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// statusChip shows a status as a coloured label of the one palette; a
// cancelled status is struck through, an overridden one marked with "*".
type statusChip struct {
	widget.BaseWidget
	status     model.Status
	text       string
	overridden bool
	tip        string // shown on hover (why the status is overridden)
}

func (c *statusChip) MouseIn(ev *desktop.MouseEvent) {
	if c.tip != "" {
		showTip(ev.AbsolutePosition, c.tip)
	}
}
func (c *statusChip) MouseMoved(*desktop.MouseEvent) {}
func (c *statusChip) MouseOut()                      { tips.hide() }

func newStatusChip() *statusChip {
	c := &statusChip{}
	c.ExtendBaseWidget(c)
	return c
}

// Set shows status s with its label.
func (c *statusChip) Set(s model.Status, overridden bool) {
	c.status, c.overridden = s, overridden
	c.text = s.Label(currentLang())
	if overridden {
		c.text += " *"
	}
	c.Refresh()
}

func (c *statusChip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{chip: c, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.White),
		strike: canvas.NewLine(color.White)}
	r.bg.CornerRadius = 4
	r.text.TextSize = theme.CaptionTextSize() + 1
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	r.strike.StrokeWidth = 1.5
	r.Refresh()
	return r
}

type chipRenderer struct {
	chip   *statusChip
	bg     *canvas.Rectangle
	text   *canvas.Text
	strike *canvas.Line
}

func (r *chipRenderer) Destroy() {}

func (r *chipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.text, r.strike}
}

func (r *chipRenderer) MinSize() fyne.Size {
	ts := fyne.MeasureText(r.text.Text, r.text.TextSize, r.text.TextStyle)
	return fyne.NewSize(ts.Width+16, ts.Height+6)
}

func (r *chipRenderer) Layout(size fyne.Size) {
	ms := r.MinSize()
	w := min(size.Width, max(ms.Width, 96))
	h := ms.Height
	y := (size.Height - h) / 2
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(w, h))
	ts := fyne.MeasureText(r.text.Text, r.text.TextSize, r.text.TextStyle)
	tx := (w - ts.Width) / 2
	r.text.Move(fyne.NewPos(tx, y+(h-ts.Height)/2))
	r.text.Resize(ts)
	mid := y + h/2
	r.strike.Position1 = fyne.NewPos(tx-2, mid)
	r.strike.Position2 = fyne.NewPos(tx+ts.Width+2, mid)
}

func (r *chipRenderer) Refresh() {
	c := r.chip
	if c.status == "" {
		r.bg.FillColor = color.Transparent
		r.text.Text = ""
		r.strike.Hide()
	} else {
		r.bg.FillColor = StatusColor(c.status)
		r.bg.StrokeWidth = 0
		fg := color.Color(color.White)
		if c.status == model.StatusAtRisk || c.status == model.StatusNotStarted {
			fg = color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xFF}
		}
		if c.status == model.StatusCancelled {
			// Struck-through white on dark grey is hard to read: the dark
			// grey frames a light chip whose text it writes.
			dark := StatusColor(model.StatusCancelled)
			r.bg.FillColor = color.NRGBA{R: 0xEC, G: 0xEC, B: 0xEC, A: 0xFF}
			r.bg.StrokeColor = dark
			r.bg.StrokeWidth = 1.5
			fg = dark
		}
		r.text.Color = fg
		r.strike.StrokeColor = fg
		r.text.Text = c.text
		if c.status == model.StatusCancelled {
			r.strike.Show()
		} else {
			r.strike.Hide()
		}
	}
	r.Layout(c.Size())
	r.bg.Refresh()
	r.text.Refresh()
	r.strike.Refresh()
}

// stateChip is statusChip for a milestone state.
func stateColor(s model.MilestoneState) color.NRGBA {
	switch s {
	case model.StateDone:
		return StatusColor(model.StatusCompleted)
	case model.StateOverdue:
		return StatusColor(model.StatusDelayed)
	case model.StateDueSoon:
		return StatusColor(model.StatusAtRisk)
	case model.StateCancelled:
		return StatusColor(model.StatusCancelled)
	}
	return StatusColor(model.StatusNotStarted)
}

// percentBar is a progress bar that writes its value as people of the
// current language do.
func percentBar() *widget.ProgressBar {
	p := widget.NewProgressBar()
	p.Max = 100
	p.TextFormatter = func() string { return FormatPercent(p.Value, currentLang()) }
	return p
}

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

// readOnly reports whether the field shows its value as text.
func (f *field) readOnly() bool { return f.ro.Visible() }

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

// dateEntry is an entry for a civil date in the current language's form.
func dateEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(tr("placeholder.date"))
	return e
}

// parseOptionalDate reads a date; "" is no date.
func parseOptionalDate(s string) (model.Date, string) {
	if strings.TrimSpace(s) == "" {
		return 0, ""
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return 0, tr("invalid.date")
	}
	return d, ""
}

// parseRequiredDate reads a date that must be there.
func parseRequiredDate(s string) (model.Date, string) {
	if strings.TrimSpace(s) == "" {
		return 0, tr("invalid.required")
	}
	return parseOptionalDate(s)
}

// parseNumber reads a decimal number written with "," or "." as the
// decimal separator, with spaces between thousands.
func parseNumber(s string) (float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "%", "").Replace(strings.TrimSpace(s))
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// formatNumber writes v without needless decimals.
func formatNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if currentLang() == model.BG {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// parseMoney reads an amount in euro ("1 234,56", "€1,234.56", "1234.5")
// as cents, exactly.
func parseMoney(s string) (int64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "€", "", "EUR", "", "eur", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, true
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	// The last separator followed by one or two digits is the decimal one;
	// any other separator groups thousands.
	intPart, frac := s, ""
	if i := strings.LastIndexAny(s, ",."); i >= 0 && len(s)-i-1 <= 2 {
		intPart, frac = s[:i], s[i+1:]
	}
	if groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == ',' || r == '.' }); len(groups) > 1 {
		// Thousands come in groups of three digits.
		if strings.HasSuffix(intPart, ",") || strings.HasSuffix(intPart, ".") || len(groups[0]) > 3 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
	}
	intPart = strings.NewReplacer(",", "", ".", "").Replace(intPart)
	if intPart == "" {
		intPart = "0"
	}
	for _, part := range []string{intPart, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
	}
	whole, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil || whole > math.MaxInt64/100-1 {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	v := whole*100 + cents
	if neg {
		v = -v
	}
	return v, true
}

// formatMoneyInput writes cents for an entry: "1234,56" / "1234.56".
func formatMoneyInput(cents int64) string {
	s := strconv.FormatInt(cents/100, 10)
	frac := cents % 100
	if frac < 0 {
		frac = -frac
	}
	sep := "."
	if currentLang() == model.BG {
		sep = ","
	}
	if cents < 0 && cents > -100 {
		s = "-0"
	}
	return s + sep + twoDigit(frac)
}

func twoDigit(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
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
type wheelPass struct {
	widget.BaseWidget
	target *container.Scroll
}

func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}

func (w *wheelPass) MinSize() fyne.Size { return fyne.Size{} }

// Scrolled passes the wheel on to the form's scroller.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if w.target != nil {
		w.target.Scrolled(ev)
	}
}

// wheelThrough stacks a wheelPass over a single-line entry; other inputs
// come back as they are.
func wheelThrough(o fyne.CanvasObject) fyne.CanvasObject {
	if e, ok := o.(*widget.Entry); ok && !e.MultiLine {
		p := &wheelPass{}
		p.ExtendBaseWidget(p)
		return container.NewStack(e, p)
	}
	return o
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
