package model

// Counted texts. A text that counts something has a form for one and one
// for every other number ("1 ден", "5 дни"; "1 day", "5 days"): these
// are the one rule choosing between them, for the app's and the command
// line's translations (a key and its key+".one") and the reports' words
// (both forms side by side).

// Counted is the form of a text counting n: one when n is 1, other else.
func Counted(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// CountedKey is the message key of a text counting n: key+".one" when n
// is 1 and has says the translations have it, else key.
func CountedKey(key string, n int, has func(key string) bool) string {
	if one := Counted(n, key+".one", key); one != key && has(one) {
		return one
	}
	return key
}
