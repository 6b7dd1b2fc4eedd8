//go:build screenshots

package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The publishing dialogs render in both languages (PNG files in
// $PUBLISH_SHOTS, else a temporary folder), each with something on it;
// the measure shown has an internal KPI, update and note.
func TestPublishScreenshots(t *testing.T) {
	dir := shotsDir(t, "PUBLISH_SHOTS")
	doc := testDoc()
	doc.Measures[0].Internal = true
	doc.Measures[0].KPIs[0].Internal = true
	doc.Measures[0].Milestones[1].Note = "Изпълнителят закъснява с доставката; да не се публикува до решението на комисията."
	doc.Measures[0].Milestones[1].NoteInternal = true
	h := newHarness(t, doc, pOffice)
	u := h.u
	u.win.Resize(fyne.NewSize(1280, 760))
	renderShots(t, u, dir, func() []shot { return u.publishShots(mDocs) })
}
