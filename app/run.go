package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"strategytracker/assets"
	"strategytracker/model"
)

// Run opens the main window on store in lang and runs the application
// until the window is closed. main owns a and store and closes store after
// Run returns.
func Run(a fyne.App, store model.Store, lang model.Lang) {
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	a.SetIcon(icon)

	w := a.NewWindow(AppName)
	w.SetIcon(icon)
	ov := NewOverview(store, lang, model.DateOf(time.Now()))
	ov.SetWindow(w)
	ov.OnLoaded = func(doc *model.Doc, _ model.Summary) {
		w.SetTitle(WindowTitle(&doc.Strategy, lang))
	}
	w.SetContent(ov.Content())
	w.Resize(fyne.NewSize(900, 640))
	w.SetMaster()

	// Load once the event loop runs, so that fyne.Do has somewhere to go.
	a.Lifecycle().SetOnStarted(func() { ov.Refresh(context.Background()) })
	w.ShowAndRun()
}
