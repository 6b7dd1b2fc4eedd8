// Package app is the Fyne desktop application. It sees the strategy file
// only through model.Store; main opens the file and hands it over.
package app

import (
	"context"
	"fmt"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// Overview is the strategy's front page: title, demo mark, as-of date,
// overall progress against expected progress and the measures per status,
// computed by model.Summarize.
type Overview struct {
	store model.Store
	lang  model.Lang
	asOf  model.Date

	// OnLoaded, when set, runs on the UI goroutine after every successful
	// Refresh; Run uses it to put the short title into the window title.
	OnLoaded func(doc *model.Doc, sum model.Summary)

	mu     sync.Mutex
	window fyne.Window // for error dialogs; may be nil
	gen    int         // generation of the latest Refresh; older results are dropped

	content      fyne.CanvasObject
	title        *widget.Label
	demo         *fyne.Container // the demonstration-data mark, hidden unless Demo
	demoText     *canvas.Text
	asOfLabel    *widget.Label
	progress     *widget.ProgressBar
	progressText *widget.Label
	totals       *widget.Label // "20 мерки · 84 етапа"
	counts       map[model.Status]*widget.Label
	errorLabel   *widget.Label
	fileLabel    *widget.Label
	reload       *widget.Button
}

// NewOverview builds the overview of store's strategy at asOf in lang. It
// shows nothing until Refresh loads the data.
func NewOverview(store model.Store, lang model.Lang, asOf model.Date) *Overview {
	o := &Overview{store: store, lang: lang, asOf: asOf}
	o.content = o.buildUI()
	return o
}

// SetWindow names the window that error dialogs belong to.
func (o *Overview) SetWindow(w fyne.Window) {
	o.mu.Lock()
	o.window = w
	o.mu.Unlock()
}

// Content is the overview's canvas object.
func (o *Overview) Content() fyne.CanvasObject { return o.content }

func (o *Overview) buildUI() fyne.CanvasObject {
	lang := o.lang

	o.title = widget.NewLabel(msgLoading.In(lang))
	o.title.TextStyle = fyne.TextStyle{Bold: true}
	o.title.SizeName = theme.SizeNameHeadingText
	o.title.Wrapping = fyne.TextWrapWord

	demoColor := DemoColor()
	o.demoText = canvas.NewText(model.DemoMark(lang), demoColor)
	o.demoText.TextStyle = fyne.TextStyle{Bold: true}
	o.demoText.TextSize = theme.TextSubHeadingSize()
	border := canvas.NewRectangle(withAlpha(demoColor, 0x22))
	border.StrokeColor = demoColor
	border.StrokeWidth = 2
	border.CornerRadius = 4
	o.demo = container.NewHBox(container.NewStack(border, container.NewPadded(o.demoText)), layout.NewSpacer())
	o.demo.Hide()

	o.asOfLabel = widget.NewLabel(msgAsOf.In(lang) + ": " + o.asOf.Format(lang))

	o.progress = widget.NewProgressBar()
	o.progress.Max = 100
	o.progressText = widget.NewLabel("")
	o.progressText.TextStyle = fyne.TextStyle{Bold: true}
	o.progress.TextFormatter = func() string { return FormatPercent(o.progress.Value, lang) }

	o.totals = widget.NewLabel("")

	// Two columns, one row per status: swatch and name, then the count.
	o.counts = make(map[model.Status]*widget.Label, len(model.Statuses))
	names, numbers := container.NewVBox(), container.NewVBox()
	for _, s := range model.Statuses {
		swatch := canvas.NewRectangle(StatusColor(s))
		swatch.SetMinSize(fyne.NewSize(18, 18))
		swatch.CornerRadius = 3
		name := widget.NewLabel(StatusName(s, lang))
		if s == model.StatusCancelled {
			name.Importance = widget.LowImportance
		}
		count := widget.NewLabel("–")
		count.TextStyle = fyne.TextStyle{Bold: true}
		count.Alignment = fyne.TextAlignTrailing
		o.counts[s] = count
		names.Add(container.NewHBox(container.NewCenter(swatch), name))
		numbers.Add(count)
	}
	statuses := container.NewVBox(
		widget.NewLabelWithStyle(msgStatuses.In(lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(names, numbers, layout.NewSpacer()))

	o.errorLabel = widget.NewLabel("")
	o.errorLabel.Importance = widget.DangerImportance
	o.errorLabel.Wrapping = fyne.TextWrapWord
	o.errorLabel.Hide()

	o.fileLabel = widget.NewLabel("")
	o.fileLabel.Importance = widget.LowImportance
	o.fileLabel.Truncation = fyne.TextTruncateEllipsis
	o.reload = widget.NewButtonWithIcon(msgReload.In(lang), theme.ViewRefreshIcon(), func() {
		o.Refresh(context.Background())
	})

	body := container.NewVBox(
		o.title,
		o.demo,
		o.asOfLabel,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(msgProgress.In(lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		o.progress,
		o.progressText,
		o.totals,
		widget.NewSeparator(),
		statuses,
		o.errorLabel,
	)
	footer := container.NewBorder(nil, nil, nil, o.reload, o.fileLabel)
	return container.NewBorder(nil, footer, nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// Refresh reads the strategy and its summary in a goroutine and shows them
// through fyne.Do. The returned channel is closed once the widgets show the
// result (or the error); callers other than tests may ignore it.
func (o *Overview) Refresh(ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	o.mu.Lock()
	o.gen++
	gen := o.gen
	o.mu.Unlock()
	store, asOf := o.store, o.asOf
	go func() {
		doc, err := store.Doc(ctx)
		var sum model.Summary
		if err == nil {
			sum = model.Summarize(doc, asOf)
		}
		path, readOnly := store.Path(), store.ReadOnly()
		fyne.Do(func() {
			defer close(done)
			o.mu.Lock()
			stale := gen != o.gen
			w := o.window
			o.mu.Unlock()
			if stale {
				return
			}
			o.showFile(path, readOnly)
			if err != nil {
				o.showError(err, w)
				return
			}
			o.show(doc, sum)
		})
	}()
	return done
}

// withAlpha returns c with alpha a.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

func (o *Overview) showFile(path string, readOnly bool) {
	t := msgFile.In(o.lang) + ": " + path
	if readOnly {
		t += " (" + msgReadOnly.In(o.lang) + ")"
	}
	o.fileLabel.SetText(t)
}

func (o *Overview) showError(err error, w fyne.Window) {
	msg := model.ErrorMessage(err)
	if o.title.Text == msgLoading.In(o.lang) {
		o.title.SetText(AppName) // nothing was loaded: do not claim to be loading
	}
	o.errorLabel.SetText(msgError.In(o.lang) + ": " + msg)
	o.errorLabel.Show()
	o.content.Refresh()
	if w != nil {
		dialog.ShowError(fmt.Errorf("%s", msg), w)
	}
}

func (o *Overview) show(doc *model.Doc, sum model.Summary) {
	lang := o.lang
	o.errorLabel.Hide()
	o.errorLabel.SetText("")

	title := doc.Strategy.Title.In(lang)
	if title == "" {
		title = doc.Strategy.ShortTitle.In(lang)
	}
	o.title.SetText(title)
	if doc.Strategy.Demo {
		o.demo.Show()
	} else {
		o.demo.Hide()
	}
	o.asOfLabel.SetText(msgAsOf.In(lang) + ": " + sum.AsOf.Format(lang))
	o.progress.SetValue(float64(sum.Progress))
	o.progressText.SetText(ProgressText(float64(sum.Progress), float64(sum.Expected), lang))
	o.totals.SetText(countOf(sum.Measures, msgMeasure, msgMeasures, lang) + " · " + countOf(sum.Milestones, msgMilestone, msgMilestones, lang))
	for _, s := range model.Statuses {
		o.counts[s].SetText(fmt.Sprint(sum.Status[s]))
	}
	o.content.Refresh() // lay out again: the demo mark may have appeared or gone
	if o.OnLoaded != nil {
		o.OnLoaded(doc, sum)
	}
}
