package pdf

import (
	"bytes"
	"testing"

	"strategytracker/model"
)

// Options.LowMemory (the desktop app's: fpdf compresses the page streams
// as it writes them) writes the same bytes as the fast path.
func TestLowMemorySameBytes(t *testing.T) {
	for _, c := range []struct {
		name string
		d    *model.Doc
		opt  Options
	}{
		{"demo bg", demoDoc(t, true), demoOptions(model.BG)},
		{"generated 150", model.Generate(150, 1), benchOptions()},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := writeReport(t, c.d, c.opt)
			lean := c.opt
			lean.LowMemory = true
			got := writeReport(t, c.d, lean)
			if !bytes.Equal(got, want) {
				t.Fatalf("LowMemory wrote %d bytes, the fast path %d: not the same", len(got), len(want))
			}
			if !bytes.Contains(got, []byte("/FlateDecode")) {
				t.Fatal("the page streams are not compressed")
			}
		})
	}
}
