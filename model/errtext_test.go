package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The words of an error are found by its codes, never by its English
// message: a validation error by its rule and field, a refusal by its
// reason.
func TestSay(t *testing.T) {
	texts := map[string]string{
		"field.email": "Е-поща", "field.title": "Заглавие", "field.note": "Бележка",
		"invalid.email": "не е адрес", "invalid.title": "празно на двата езика",
		"invalid.toolong": "най-много %d знака", "invalid.text": "няма текст", "lock.reason.council_read_only": "само преглед",
	}
	lookup := func(key string) (string, bool) { s, ok := texts[key]; return s, ok }
	tooLong := ruleError(RuleTooLong, MaxNote, "milestone 5", "note", "is 5000 characters long")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"a rule with its field", (&Person{ID: 1, Name: T("Мария", ""), Unit: "U", Email: "m.ivanova", Role: RoleOffice}).Validate(), "Е-поща: не е адрес"},
		{"a title's part", ruleError(RuleRequired, 0, `goal "G1"`, "title.en", "is empty in both languages"), "Заглавие: празно на двата езика"},
		{"a limit", tooLong, "Бележка: най-много 4000 знака"},
		{"wrapped", fmt.Errorf("saving: %w", tooLong), "Бележка: най-много 4000 знака"},
		{"a reason", Forbidden(ReasonCouncil, "Vera is a council member and may not change anything"), "само преглед"},
		{"no words for the rule: the message", ruleError(RuleOneOf, 0, "unit 1", "kind", "is wrong"), "unit 1: kind is wrong"},
		{"not a model error", errors.New("disk full"), "internal error: disk full"},
	}
	for _, tt := range tests {
		if got := Say(tt.err, lookup); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFieldBase(t *testing.T) {
	for key, want := range map[string]string{"title.en": "title", "funding[1].amountCents": "funding", "email": "email", "": ""} {
		if got := FieldBase(key); got != want {
			t.Errorf("FieldBase(%q) = %q, want %q", key, got, want)
		}
	}
}

// A save's validation error names its row as people name it — a code, a
// title, a person's name, a date; never an id — in the language of the
// texts (each file's verbs pick the Bulgarian or the English name).
func TestSayNamesTheRow(t *testing.T) {
	files := map[Lang]map[string]string{
		BG: {"field.title": "Заглавие", "field.email": "Е-поща", "invalid.title": "празно", "invalid.email": "не е адрес", "field.note": "Бележка", "invalid.toolong": "най-много %d знака", "invalid.text": "няма текст",
			"row.goal": "Цел %[1]s", "row.person": "Лице „%[1]s“", "row.milestone": "Етап „%[1]s“", "row.update": "Актуализация от %[1]s"},
		EN: {"field.title": "Title", "field.email": "E-mail", "invalid.title": "empty", "invalid.email": "not an address", "field.note": "Note", "invalid.toolong": "at most %d characters", "invalid.text": "no text",
			"row.goal": "Goal %[2]s", "row.person": "Person “%[2]s”", "row.milestone": "Milestone “%[2]s”", "row.update": "Update of %[2]s"},
	}
	d := validDoc()
	office := d.People[0]
	m := d.Measures[0]
	m.Milestones[0].MeasureID = m.ID
	save := func(row Row) error {
		_, err := PrepareSave(SaveContext{Doc: d, Actor: &office, Today: NewDate(2026, 12, 1)}, row)
		return err
	}
	person := office
	person.Email = "m.ivanova"
	ms := m.Milestones[0]
	ms.Title = T("Пилотен етап", "")
	ms.Note = cyr(MaxNote + 1)
	tests := []struct {
		name   string
		err    error
		bg, en string
		id     string // the row's id, which no message shows
	}{
		{"a goal by its code", save(&Goal{Code: "G9"}), "Цел G9: Заглавие: празно", "Goal G9: Title: empty", ""},
		{"a person by name", save(&person), "Лице „" + office.Name.BG + "“: Е-поща: не е адрес", "Person “" + office.Name.EN + "”: E-mail: not an address", itoa(office.ID)},
		{"a milestone by its title, the Bulgarian where there is no English", save(&ms),
			"Етап „Пилотен етап“: Бележка: най-много 4000 знака", "Milestone “Пилотен етап”: Note: at most 4000 characters", itoa(ms.ID)},
		{"an update by its date", save(&Update{MeasureID: m.ID, Date: NewDate(2026, 11, 30), Author: Ref(office.ID)}),
			"Актуализация от 30.11.2026: ", "Update of 30 Nov 2026: ", ""},
	}
	for _, tt := range tests {
		var e *Error
		if !errors.As(tt.err, &e) || e.Row == "" {
			t.Errorf("%s: %v names no row", tt.name, tt.err)
			continue
		}
		for lang, want := range map[Lang]string{BG: tt.bg, EN: tt.en} {
			texts := files[lang]
			got := Say(tt.err, func(key string) (string, bool) { s, ok := texts[key]; return s, ok })
			if !strings.HasPrefix(got, want) || tt.id != "" && strings.Contains(got, tt.id) {
				t.Errorf("%s in %s: got %q, want it to begin %q and not to show the id %s", tt.name, lang, got, want, tt.id)
			}
		}
	}
	if e := save(&ms).(*Error); e.RowName.In(EN) != "Пилотен етап" {
		t.Errorf("the milestone's name in English = %q, want the Bulgarian title", e.RowName.In(EN))
	}
}
