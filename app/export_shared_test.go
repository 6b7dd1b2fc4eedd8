package app

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The council report is written from the document the window shows, not
// from a second copy read from the store (issue 22: the large strategy's
// document is 10 MB live and 34 MB allocated to read, during an export
// that must stay under 250 MB); a writer that changes the document (the
// exchange file normalises it) still reads its own. A store that can no
// longer read tells them apart.
func TestExportSharesTheShownDocument(t *testing.T) {
	for _, c := range []struct {
		kind      string
		wantsFile bool
	}{
		{"export.pdf", true},
		{"export.json", false},
	} {
		t.Run(c.kind, func(t *testing.T) {
			h := newHarness(t, testDoc(), pOffice)
			h.store.docErr = errors.New("the store is not read again")
			dir := t.TempDir()
			h.u.openExport(c.kind)
			e := latest[*exportForm](h)
			e.path.folder.SetText(dir)
			h.tap(e.f.save)
			_, err := os.Stat(filepath.Join(dir, e.proposed))
			if got := err == nil; got != c.wantsFile {
				t.Errorf("file written = %v, want %v (%v)", got, c.wantsFile, err)
			}
		})
	}
}
