package app

import (
	"fmt"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"strategytracker/assets"
	"strategytracker/model"
)

// The texts of the user interface live in assets/translations/bg.json and
// en.json and are looked up through fyne.io/fyne/v2/lang, so that Fyne's own
// widgets (dialog buttons, the file dialog) speak the same language.
//
// Fyne chooses its language from the operating system; Strategy Tracker lets
// the user choose it in View › Language. setLanguage therefore loads the
// chosen file under the locale Fyne resolves to ("en", which Fyne falls back
// to, and the system's language): a later choice overwrites every key, since
// both files have the same keys (TestTranslationKeys).

var (
	trMu    sync.RWMutex
	trLang  = model.BG
	trTexts map[model.Lang]map[string]string // the flat strings of each file
	trFiles map[model.Lang][]byte
	trOnce  sync.Once
	trErr   error
)

func loadTranslations() {
	trTexts = map[model.Lang]map[string]string{}
	trFiles = map[model.Lang][]byte{}
	for _, l := range []model.Lang{model.BG, model.EN} {
		b, err := assets.Translations.ReadFile("translations/" + string(l) + ".json")
		if err != nil {
			trErr = err
			continue
		}
		texts := assets.Texts(string(l))
		if texts == nil {
			trErr = fmt.Errorf("translations/%s.json does not parse", l)
			continue
		}
		trTexts[l], trFiles[l] = texts, b
	}
}

// setLanguage makes l the language of the user interface.
func setLanguage(l model.Lang) error {
	trOnce.Do(loadTranslations)
	if trErr != nil {
		return trErr
	}
	trMu.Lock()
	defer trMu.Unlock()
	data := trFiles[l]
	if err := lang.AddTranslationsForLocale(data, fyne.Locale("en")); err != nil {
		return err
	}
	if sys := systemLanguage(); sys != "" && sys != "en" {
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(sys)); err != nil {
			return err
		}
	}
	trLang = l
	return nil
}

// systemLanguage is the language of the system's locale as Fyne reads it
// ("bg" of bg_BG.UTF-8), or "" for the C and POSIX locales, which Fyne
// takes for English.
func systemLanguage() string {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v != "" {
			if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
				return ""
			}
			break
		}
	}
	l := lang.SystemLocale().LanguageString()
	if l == "und" {
		return ""
	}
	return l
}

// langNames are the languages as each names itself (the View menu, the
// first start's choice).
var langNames = map[model.Lang]string{model.BG: "Български", model.EN: "English"}

// startLang is the language the app starts in: the one the user chose
// (remembered in prefs), else the one main asks for (opts), else English
// under an English system locale, else Bulgarian — the program's default.
func startLang(prefs fyne.Preferences, opts model.Lang) model.Lang {
	if l := model.Lang(prefs.String(prefLang)); l == model.BG || l == model.EN {
		return l
	}
	if opts == model.BG || opts == model.EN {
		return opts
	}
	if base, _, _ := strings.Cut(systemLanguage(), "-"); base == string(model.EN) { // "en-US"
		return model.EN
	}
	return model.BG
}

// currentLang is the language of the user interface.
func currentLang() model.Lang {
	trMu.RLock()
	defer trMu.RUnlock()
	return trLang
}

// tr returns the text of key in the current language; a key missing from
// both files comes back as itself, so that a mistake shows rather than hides.
func tr(key string) string {
	trOnce.Do(loadTranslations)
	trMu.RLock()
	l := trLang
	trMu.RUnlock()
	fallback := key
	if s, ok := trTexts[l][key]; ok {
		fallback = s
	} else if s, ok := trTexts[other(l)][key]; ok {
		fallback = s
	}
	if _, ok := trTexts[l][key]; !ok {
		return fallback // not in the chosen file: do not let Fyne log a failure
	}
	return lang.X(key, fallback)
}

// currentTexts looks key up in the current language (model.Texts).
func currentTexts(key string) (string, bool) {
	trOnce.Do(loadTranslations)
	s, ok := trTexts[currentLang()][key]
	return s, ok
}

// trnIn is trIn with fmt.Sprintf verbs and the key's singular form
// (key+".one") when n is 1.
func trnIn(l model.Lang, key string, n int, args ...any) string {
	if n == 1 {
		if s := trIn(l, key+".one"); s != key+".one" {
			return fmt.Sprintf(s, args...)
		}
	}
	return fmt.Sprintf(trIn(l, key), args...)
}

// trf is tr with fmt.Sprintf verbs.
func trf(key string, args ...any) string { return fmt.Sprintf(tr(key), args...) }

func other(l model.Lang) model.Lang {
	if l == model.EN {
		return model.BG
	}
	return model.EN
}
