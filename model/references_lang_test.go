package model

import (
	"strings"
	"testing"
)

// A delete refused in the English screen names the people, milestones and
// updates in English (issue 22: "unit INNO has 1 person: Мария Георгиева").
func TestReferencesInTheScreensLanguage(t *testing.T) {
	d := validDoc()
	d.Units[0].ID = 7
	unit, person := ID(7), ID(2)
	tests := []struct {
		entity Entity
		id     ID
		lang   Lang
		want   string
	}{
		{EntityUnit, unit, EN, "unit IS has 1 person: Maria Ivanova"},
		{EntityUnit, unit, BG, "звено IS има хора (1): Мария Иванова"},
		{EntityPerson, person, EN, "is responsible for 1 milestone: 1.1: Analysis"},
		{EntityPerson, person, EN, "wrote 1 update: 1.1 1 Jul 2021"},
		{EntityPerson, person, BG, "е автор на актуализации (1): 1.1 01.07.2021"},
	}
	for _, tt := range tests {
		var lines []string
		for _, r := range d.ReferencesIn(tt.entity, tt.id, tt.lang) {
			lines = append(lines, r.Text(d.RowName(tt.entity, tt.id, tt.lang), tt.lang))
		}
		if got := strings.Join(lines, "\n"); !strings.Contains(got, tt.want) {
			t.Errorf("ReferencesIn(%s %d, %s) =\n%s\nwant a line with %q", tt.entity, tt.id, tt.lang, got, tt.want)
		}
	}
}
