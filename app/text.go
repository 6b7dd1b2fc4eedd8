package app

import (
	"strategytracker/model"
)

// AppName is the product name shown in the window title.
const AppName = "Strategy Tracker"

// trIn is tr in an explicit language: the current one goes through
// fyne's lang, another is read from its translation file.
func trIn(lang model.Lang, key string) string {
	if lang == currentLang() {
		return tr(key)
	}
	trOnce.Do(loadTranslations)
	if s, ok := trTexts[lang][key]; ok {
		return s
	}
	return tr(key)
}

// FormatPercent writes p with one decimal as people of lang do:
// "41,7 %" in Bulgarian, "41.7%" in English — model.FormatPercent, the
// same as the reports'.
func FormatPercent(p float64, lang model.Lang) string { return model.FormatPercent(p, lang) }

// ProgressText is the overall progress line, e.g. "41,7 % (очакван 63,2 %)".
func ProgressText(progress, expected float64, lang model.Lang) string {
	return FormatPercent(progress, lang) + " (" + trIn(lang, "label.expected") + " " + FormatPercent(expected, lang) + ")"
}

// WindowTitle is "Strategy Tracker — <short title>", with " [ДЕМО]" on demo data.
func WindowTitle(s *model.Strategy, lang model.Lang) string {
	t := AppName
	name := s.ShortTitle.In(lang)
	if name == "" {
		name = s.Title.In(lang)
	}
	if name != "" {
		t += " — " + name
	}
	if s.Demo {
		t += " [" + trIn(lang, "label.demotag") + "]"
	}
	return t
}
