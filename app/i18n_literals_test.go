package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/lang"

	"strategytracker/model"
)

// Every text the app shows lives in the translation files: a string
// literal of the screen code with Cyrillic in it, or with two English
// words, is a text written beside the translation table. The allow-list
// holds proper names, folder names, the texts of the screenshot driver's
// invented data, console messages and internal sentinels that are
// translated by their identity.
func TestNoInlineTexts(t *testing.T) {
	allowedFiles := map[string]string{
		"screenshot.go":         "the screenshot driver's invented data (make screenshots)",
		"period_shots.go":       "the screenshot driver's invented data (make screenshots)",
		"review_screenshots.go": "the screenshot driver's invented data (make screenshots)",
		"more_screenshots.go":   "the screenshot driver's invented data (make screenshots)",
		"window.go":             "CheckDisplay: the console binary's English line before any window",
	}
	allowed := map[string]string{
		"Български":                                 "the language's own name in the View menu and the report choices",
		"Документи":                                 "the Bulgarian name of the documents folder on disk",
		"Strategy Tracker":                          "the program's name",
		"Password of ":                              "storage/postgres's prompt, recognised to be translated",
		"no person of this strategy has this login": "a sentinel shown as connect.error.noperson",
		"no password given":                         "a sentinel: the password dialog was closed",
		"not a valid postgresql connection":         "the driver's wording, recognised to be translated",
		"translations/%s.json does not parse":       "a build defect, logged",
		"cloneRow: not a row":                       "a programming error",
	}
	english := regexp.MustCompile(`[A-Za-z]{2,}[,:;.!?…)]*\s+\(?[A-Za-z]{2,}`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || allowedFiles[name] != "" {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ImportSpec, *ast.Field:
				return false
			case *ast.BasicLit:
				if x.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(x.Value)
				if err != nil || allowed[s] != "" {
					return true
				}
				cyrillic := strings.IndexFunc(s, func(r rune) bool { return unicode.In(r, unicode.Cyrillic) }) >= 0
				if cyrillic || english.MatchString(s) {
					t.Errorf("%s: %q is a text outside the translation files", fset.Position(x.Pos()), s)
				}
			}
			return true
		})
	}
}

// Every key the model's error codes lead to (model.RuleKey, ReasonKey) has
// a text in both languages, so that no model error falls back to English.
func TestModelErrorKeysTranslated(t *testing.T) {
	rules := []model.Rule{model.RuleRequired, model.RuleTooLong, model.RuleSpaces, model.RuleNotUTF8, model.RuleOrder,
		model.RulePositive, model.RuleRange, model.RuleNegative, model.RuleFuture, model.RuleLink, model.RuleReason,
		model.RuleUsed, model.RuleEmail, model.RuleOneOf, model.RuleNumber, model.RuleTarget, model.RuleBaseline, model.RuleOneADay,
		model.RuleControl, model.RuleOffice, model.RuleTooLarge}
	fields := []string{"", "title.en", "text.bg", "name", "manualProgress", "due", "weight", "plannedCents", "email"}
	var keys []string
	for _, r := range rules {
		for _, f := range fields {
			key, _ := model.RuleKey(&model.Error{Rule: r, Field: f})
			if key == "" {
				t.Errorf("rule %s has no key", r)
			}
			keys = append(keys, key, "field."+model.FieldBase(f))
		}
	}
	for _, r := range []model.Reason{model.ReasonNoActor, model.ReasonUnknownRole, model.ReasonCouncil, model.ReasonNotTheirMeasure,
		model.ReasonCoordinatorOnly, model.ReasonOwnNameOnly, model.ReasonAuthorFixed, model.ReasonReadOnlyFile} {
		keys = append(keys, model.ReasonKey(r))
	}
	trOnce.Do(loadTranslations)
	for _, key := range keys {
		if key == "field." {
			continue
		}
		for _, l := range []model.Lang{model.BG, model.EN} {
			if _, ok := trTexts[l][key]; !ok {
				t.Errorf("%s.json has no %q", l, key)
			}
		}
	}
}

// Fyne's own words (the file dialog's buttons and "(Parent)", the
// calendar's day names) come from our files through Fyne's lang package,
// without a "Translation failure" for the plural keys of its file dialog.
func TestFyneSpeaksBulgarian(t *testing.T) {
	if err := setLanguage(model.BG); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"Open": "Отвори", "Cancel": "Отказ", "file.parent": "Нагоре", "file.name": "Име", "monday.short": "пн"} {
		if got := lang.X(key, "?"); got != want {
			t.Errorf("Fyne says %q for %s, want %q", got, key, want)
		}
	}
}
