package storage

import (
	"bytes"
	"path/filepath"
	"testing"

	"strategytracker/model"
)

// markVisibility sets every visibility flag somewhere in d.
func markVisibility(d *model.Doc) {
	d.People[0].Public = true
	d.Measures[1].Internal = true
	d.Measures[0].Milestones[0].NoteInternal = true
	for i := range d.Measures {
		m := &d.Measures[i]
		if len(m.KPIs) > 0 && len(m.Updates) > 0 {
			m.KPIs[0].Internal = true
			m.Updates[0].Internal = true
			return
		}
	}
}

// The visibility flags (migration 0003) are stored and read back: the
// export of the file equals the document it was created from.
func TestVisibilityFlagsAreStored(t *testing.T) {
	d := demoDoc(t)
	markVisibility(d)
	var want bytes.Buffer
	if err := model.Encode(&want, d); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"public": true`, `"internal": true`, `"noteInternal": true`} {
		if !bytes.Contains(want.Bytes(), []byte(key)) {
			t.Fatalf("the test document has no %s", key)
		}
	}
	path := filepath.Join(t.TempDir(), "v.db")
	s, err := Create(ctx, path, d, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := export(t, s); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("export after load differs from the document (%d vs %d bytes)", len(got), len(want.Bytes()))
	}
}
