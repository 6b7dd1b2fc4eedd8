package app

import (
	"strconv"
	"strings"

	"strategytracker/model"
)

// AppName is the product name shown in the window title.
const AppName = "Strategy Tracker"

// The texts of the user interface. The full application will move these to
// translation files in assets; the first window keeps them here.
var (
	msgDemoTag    = model.T("ДЕМО", "DEMO")
	msgAsOf       = model.T("Към дата", "As of")
	msgProgress   = model.T("Общ напредък", "Overall progress")
	msgExpected   = model.T("очакван", "expected")
	msgStatuses   = model.T("Мерки по статус", "Measures by status")
	msgMeasure    = model.T("мярка", "measure")
	msgMeasures   = model.T("мерки", "measures")
	msgMilestone  = model.T("етап", "milestone")
	msgMilestones = model.T("етапа", "milestones") // the Bulgarian counted form
	msgLoading    = model.T("Зареждане…", "Loading…")
	msgReload     = model.T("Обнови", "Reload")
	msgError      = model.T("Грешка", "Error")
	msgFile       = model.T("Файл", "File")
	msgReadOnly   = model.T("само за четене", "read-only")
)

// StatusName returns the label of s in lang.
func StatusName(s model.Status, lang model.Lang) string { return s.Label(lang) }

// FormatPercent writes p with one decimal as people of lang do:
// "41,7 %" in Bulgarian, "41.7%" in English.
func FormatPercent(p float64, lang model.Lang) string {
	s := strconv.FormatFloat(model.Round1(p), 'f', 1, 64)
	if lang == model.EN {
		return s + "%"
	}
	return strings.Replace(s, ".", ",", 1) + " %"
}

// ProgressText is the overall progress line, e.g. "41,7 % (очакван 63,2 %)".
func ProgressText(progress, expected float64, lang model.Lang) string {
	return FormatPercent(progress, lang) + " (" + msgExpected.In(lang) + " " + FormatPercent(expected, lang) + ")"
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
		t += " [" + msgDemoTag.In(lang) + "]"
	}
	return t
}

// countOf writes "n thing(s)" with the singular for one.
func countOf(n int, one, many model.Text, lang model.Lang) string {
	if n == 1 {
		return "1 " + one.In(lang)
	}
	return strconv.Itoa(n) + " " + many.In(lang)
}
