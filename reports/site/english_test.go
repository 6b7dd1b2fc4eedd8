package site

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// The note of a milestone and the reason of a status set by hand are
// bg/en texts (DESIGN.md §1.2): each page shows its language's, and the
// open data has both columns.
func TestNoteAndReasonInBothLanguages(t *testing.T) {
	d := demoDoc(t)
	m := d.MeasureByCode("2.3")
	m.Milestones[0].Note, m.Milestones[0].NoteEn = "Приет от комисията", "Accepted by the committee"
	files := readTree(t, publish(t, d, Options{}))
	page := func(lang string) string {
		return string(files[lang+"/measures/"+uniqueName(m.Code, map[string]bool{}, "")])
	}
	for _, tt := range []struct {
		lang, want string
		present    bool
	}{
		{"en", "Accepted by the committee", true},
		{"en", "Приет от комисията", false},
		{"en", m.Override.ReasonEn, true},
		{"en", m.Override.Reason, false},
		{"bg", "Приет от комисията", true},
		{"bg", "Accepted by the committee", false},
		{"bg", m.Override.Reason, true},
	} {
		if got := strings.Contains(page(tt.lang), tt.want); got != tt.present {
			t.Errorf("%s page of %s shows %.40q: %v, want %v", tt.lang, m.Code, tt.want, got, tt.present)
		}
	}
	for _, c := range []struct{ file, column, want string }{
		{"data/milestones.csv", "note_en", "Accepted by the committee"},
		{"data/measures.csv", "override_reason_en", m.Override.ReasonEn},
	} {
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files[c.file], []byte("\ufeff")))).ReadAll()
		if err != nil || len(rows) == 0 {
			t.Fatalf("%s: %v", c.file, err)
		}
		col := slices.Index(rows[0], c.column)
		found := false
		for _, r := range rows[1:] {
			found = found || col >= 0 && r[col] == c.want
		}
		if !found {
			t.Errorf("%s: no column %s holding %.40q", c.file, c.column, c.want)
		}
	}
}
