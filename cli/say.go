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

// sayN is say for a text that counts n: its form for one (key.one) when
// n is 1, as the app's counted texts have.
func sayN(lang model.Lang, key string, n int, args ...any) string {
	key = model.CountedKey(key, n, func(k string) bool { _, ok := assets.Text(string(lang), k); return ok })
	return say(lang, key, append([]any{n}, args...)...)
}
