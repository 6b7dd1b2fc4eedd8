package model

import "strings"

// Lang is a content language.
type Lang string

const (
	BG Lang = "bg" // the default language of content and reports
	EN Lang = "en"
)

// ParseLang accepts "bg" or "en" (any case).
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bg", "":
		return BG, nil
	case "en":
		return EN, nil
	}
	return "", Errorf(EINVALID, "unknown language %q (use bg or en)", s)
}

// Text is a text that people read, in Bulgarian and English.
type Text struct {
	BG string `json:"bg"`
	EN string `json:"en"`
}

// T is shorthand for a two-language text.
func T(bg, en string) Text { return Text{BG: bg, EN: en} }

// In returns the text in lang, falling back to the other language when empty.
func (t Text) In(lang Lang) string {
	if lang == EN {
		if t.EN != "" {
			return t.EN
		}
		return t.BG
	}
	if t.BG != "" {
		return t.BG
	}
	return t.EN
}

// IsEmpty reports whether both languages are empty.
func (t Text) IsEmpty() bool {
	return strings.TrimSpace(t.BG) == "" && strings.TrimSpace(t.EN) == ""
}
