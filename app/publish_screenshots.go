//go:build screenshots

package app

import (
	"path/filepath"

	"strategytracker/model"
)

// publishShots are the dialogs of publishing (issue 16) for the
// screenshots: the Publish form, the dialog once published, a measure's
// header with its Publication button and what of it is internal, and its
// Publication form.
func (u *UI) publishShots(measureID model.ID) []shot {
	return []shot{
		{"publish-form", func() {
			u.hideDialogs()
			u.showScreen(screenReports)
			u.onPublish()
		}},
		{"publish-done", func() {
			u.hideDialogs()
			u.showPublished(filepath.Join(u.saveFolder(), "site"))
		}},
		{"publish-detail", func() {
			u.hideDialogs()
			u.openMeasure(measureID)
		}},
		{"publish-visibility", func() {
			u.hideDialogs()
			u.openMeasure(measureID)
			if u.detail != nil {
				u.detail.onVisibility()
			}
		}},
	}
}
