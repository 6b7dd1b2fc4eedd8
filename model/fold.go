package model

import (
	"strings"
	"unicode"
)

// foldCase is s with every letter replaced by the smallest rune of its
// Unicode simple-fold set, as encoding/json folds object keys when it
// matches them to fields (fold.go's foldName): two strings fold alike
// exactly when strings.EqualFold holds, so "ſ" is "S" and the Kelvin
// sign "K" is "K".
func foldCase(s string) string {
	return strings.Map(func(r rune) rune {
		for {
			next := unicode.SimpleFold(r)
			if next <= r {
				return next
			}
			r = next
		}
	}, s)
}

// EmailKey is the form under which two e-mail addresses are one: the
// same letters whatever their case (Unicode folding, so "ſam@x.bg" is
// "SAM@x.bg"), lower-cased first because PostgreSQL logins are the
// lower-cased address ("İ@x.bg" is "i@x.bg" there). Every check of a
// unique e-mail compares these keys.
func EmailKey(email string) string {
	return foldCase(strings.ToLower(email))
}

// emailUsedError is the one message for an e-mail another person has.
func emailUsedError(p, other *Person) error {
	return InvalidField("email", "person %d: email %q is used by %s", p.ID, p.Email, other.Name.In(BG))
}
