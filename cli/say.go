package cli

import (
	"fmt"

	"strategytracker/assets"
	"strategytracker/model"
)

// say is the message key of the translation files (assets/translations)
// in lang, formatted with args: what a command prints for people in the
// language they asked for (-lang).
func say(lang model.Lang, key string, args ...any) string {
	s, ok := assets.Text(string(lang), key)
	if !ok {
		s, _ = assets.Text(string(model.EN), key)
	}
	return fmt.Sprintf(s, args...)
}
