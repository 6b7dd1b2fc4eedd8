package storage

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"strategytracker/model"
)

// TestSummaryDocGivesTheSummaryOfTheWholeDoc: the quick read of a summary
// leaves out nothing the figures need, at any as-of date.
func TestSummaryDocGivesTheSummaryOfTheWholeDoc(t *testing.T) {
	demo, _ := newDemo(t)
	gen, err := Create(ctx, filepath.Join(t.TempDir(), "gen.db"), model.Generate(300, 7), Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer gen.Close()
	for _, s := range []*Store{demo, gen} {
		full, err := s.Doc(ctx)
		if err != nil {
			t.Fatal(err)
		}
		part, err := s.SummaryDoc(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(part.Measures) != len(full.Measures) {
			t.Fatalf("%s: %d measures, want %d", s.Path(), len(part.Measures), len(full.Measures))
		}
		for _, asOf := range []string{"2020-01-01", "2024-06-30", "2026-11-30", "2030-01-01"} {
			d := model.MustDate(asOf)
			want, _ := json.Marshal(model.Summarize(full, d))
			got, _ := json.Marshal(model.Summarize(part, d))
			if string(got) != string(want) {
				t.Errorf("%s as of %s:\n got %s\nwant %s", filepath.Base(s.Path()), asOf, got, want)
			}
		}
	}
}
