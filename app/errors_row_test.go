package app

import (
	"context"
	"strings"
	"testing"

	"strategytracker/model"
)

// A model message in the user's language names the row it is about as
// people name it — the goal's code, the person's name — never an id
// (issue 22: "goal G1: title is empty" became a message without the goal).
func TestModelMessagesNameTheRow(t *testing.T) {
	h := newHarness(t, testDoc(), pOffice)
	d, _ := h.store.Doc(context.Background())
	g := d.Goals[0]
	g.Title = model.Text{}
	p := *d.Person(pOffice)
	p.Email = "ivelina"
	tests := []struct {
		name   string
		save   func(tx model.Tx) error
		bg, en string
	}{
		{"goal", func(tx model.Tx) error { return tx.SaveGoal(&g) },
			"Цел " + g.Code + ": Заглавие: " + trIn(model.BG, "invalid.title"), "Goal " + g.Code + ": Title: " + trIn(model.EN, "invalid.title")},
		{"person", func(tx model.Tx) error { return tx.SavePerson(&p) },
			"Лице „Ивелина Петрова“: ", "Person “Ivelina Petrova”: "},
	}
	for _, tt := range tests {
		var err error
		h.u.save("test", tt.save, func(e error) { err = e })
		h.u.settle()
		if err == nil {
			t.Fatalf("%s: the save was not refused", tt.name)
		}
		for lang, want := range map[model.Lang]string{model.BG: tt.bg, model.EN: tt.en} {
			setLanguage(lang)
			got := errorMessage(err)
			if !strings.HasPrefix(got, want) || strings.Contains(got, " 1:") {
				t.Errorf("%s in %s: %q, want it to begin %q (and no id)", tt.name, lang, got, want)
			}
		}
		setLanguage(model.BG)
	}
}
