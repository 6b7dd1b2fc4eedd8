package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7's file dialog writes its places ("Home", "Computer",
// "Documents", …) with literal English names, never through its
// translation table (dialog/file.go: favoriteItem.locName), so that a
// Bulgarian screen showed them in English (issue 22). fileDialog shows d
// and then gives the places list's labels the current language's names
// (the keys "Home", "Computer", … of the translation files); names
// without a key (a Windows drive "C:") stay as they are.

// fileDialog is the part of Fyne's file and folder dialogs showFileDialog needs.
type fileDialog interface{ Show() }

// showFileDialog shows d over win with its places in the screen's language.
func showFileDialog(d fileDialog, win fyne.Window) {
	d.Show()
	overlays := win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		return
	}
	eachList(overlays[len(overlays)-1], translatePlaces)
}

// eachList calls fn with every list in o's tree of containers.
func eachList(o fyne.CanvasObject, fn func(*widget.List)) {
	switch x := o.(type) {
	case *widget.PopUp:
		eachList(x.Content, fn)
	case *fyne.Container:
		for _, c := range x.Objects {
			eachList(c, fn)
		}
	case *container.Split:
		eachList(x.Leading, fn)
		eachList(x.Trailing, fn)
	case *widget.List:
		fn(x)
	}
}

// translatePlaces makes l write the labels of its rows in the current
// language after Fyne has written them.
func translatePlaces(l *widget.List) {
	update := l.UpdateItem
	if update == nil {
		return
	}
	l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		if row, ok := item.(*fyne.Container); ok {
			for _, o := range row.Objects {
				if label, ok := o.(*widget.Label); ok {
					if name := tr(label.Text); name != label.Text {
						label.SetText(name)
					}
				}
			}
		}
	}
	l.Refresh()
}
