package assets

import (
	"encoding/json"
	"sync"
)

var (
	textsOnce sync.Once
	texts     map[string]map[string]string // language → key → text
)

// Text looks key up in the translation file of lang ("bg", "en"): the
// texts the app shows, and the words of the model's errors that the
// command line and the workbook imports print too (model.Say). A file that
// does not parse has no texts, which TestTranslationsParse refuses.
func Text(lang, key string) (string, bool) {
	s, ok := Texts(lang)[key]
	return s, ok
}

// Texts is every text of the translation file of lang, by key; nil for a
// language without a file. The map is shared: callers only read it.
func Texts(lang string) map[string]string {
	textsOnce.Do(loadTexts)
	return texts[lang]
}

func loadTexts() {
	texts = map[string]map[string]string{}
	for _, lang := range []string{"bg", "en"} {
		b, err := Translations.ReadFile("translations/" + lang + ".json")
		if err != nil {
			continue
		}
		var raw map[string]any // Fyne's plural entries are objects: not texts of ours
		if json.Unmarshal(b, &raw) != nil {
			continue
		}
		m := make(map[string]string, len(raw))
		for k, v := range raw {
			if s, ok := v.(string); ok {
				m[k] = s
			}
		}
		texts[lang] = m
	}
}
