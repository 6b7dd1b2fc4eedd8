package site

import (
	"html/template"
	"unicode"

	"strategytracker/model"
)

// Language of parts (WCAG 2.1, 3.1.2): a text shown on a page in one
// language but written in the other — a missing translation falls back to
// the other language, a note is written in one language only — is marked
// with lang on its element, so that a screen reader pronounces it right.

// inLang is t in lang and the lang attribute its element needs: "" when
// the text is in lang, else the language of the fallback.
func inLang(t model.Text, lang model.Lang) (text, attr string) {
	text = t.In(lang)
	switch {
	case text == "":
	case lang == model.EN && t.EN == "":
		attr = string(model.BG)
	case lang == model.BG && t.BG == "":
		attr = string(model.EN)
	}
	return text, attr
}

// langHTML is s escaped, in a span with lang="attr" when attr is set.
func langHTML(s, attr string) template.HTML {
	if attr == "" {
		return template.HTML(esc(s))
	}
	return template.HTML(`<span lang="` + attr + `">` + esc(s) + `</span>`)
}

// textHTML is t on a page in lang, marked when it falls back.
func textHTML(t model.Text, lang model.Lang) template.HTML { return langHTML(inLang(t, lang)) }

// oneHTML is a text written in one language only (notes, sources) on a
// page in lang, marked when its letters say it is in the other.
func oneHTML(s string, lang model.Lang) template.HTML { return langHTML(s, partLang(lang, s)) }

// joinHTML joins marked-up parts with sep (text).
func joinHTML(parts []template.HTML, sep string) template.HTML {
	var out template.HTML
	for i, p := range parts {
		if i > 0 {
			out += template.HTML(esc(sep))
		}
		out += p
	}
	return out
}

// partLang is the lang attribute of a text written in one language only:
// "bg" for Cyrillic on a page in English, "en" for a text of Latin words
// without Cyrillic on a page in Bulgarian, "" otherwise.
func partLang(page model.Lang, s string) string {
	latin := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			if page == model.EN {
				return string(model.BG)
			}
			return ""
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	if page == model.BG && latin >= 3 {
		return string(model.EN)
	}
	return ""
}
