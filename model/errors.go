package model

import (
	"errors"
	"fmt"
)

// Error codes: one error type for the whole application, in the style of
// benbjohnson/wtf, so that callers can branch on the kind of failure.
const (
	ECONFLICT  = "conflict"  // the row changed since it was read
	EFORBIDDEN = "forbidden" // the acting person's role does not allow it
	EINTERNAL  = "internal"  // a bug or an unexpected failure
	EINVALID   = "invalid"   // the input fails validation
	ENOTFOUND  = "not_found" // the row or file does not exist
)

// Error is an application error whose message is fit to show to a user.
type Error struct {
	Code    string
	Message string
	// Field is the exchange-format name of the field a validation error is
	// about ("weight", "title (en)", "funding 2 amountCents"), so that a form
	// can mark it without parsing Message; "" when the error is not about
	// one field.
	Field string
	// Reason says why Authorize refused (EFORBIDDEN), for the app to
	// translate; "" otherwise.
	Reason Reason
	// Rule names the field rule a validation error broke (RuleRequired,
	// RuleTooLong, …), for the app to say it in the user's language; ""
	// when the message is the only word.
	Rule Rule
	// Limit is the bound a RuleTooLong or RuleRange error speaks of.
	Limit float64
	// Row is the kind of row a validation error is about and RowName its
	// name as people write it (a code, a title, a person's name, a date;
	// never an id), for Say to name it in the user's language; set by
	// PrepareSave (NameRow). Row is "" when the error names no row.
	Row     Entity
	RowName Text
	// Err is the underlying error, if any (errors.Unwrap reaches it).
	Err error
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
// Like fmt.Errorf, a %w verb wraps its error: errors.Is and errors.As
// reach it through Unwrap.
func Errorf(code, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: err.Error(), Err: errors.Unwrap(err)}
}

// ErrorCode returns the code of err, EINTERNAL for foreign errors and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error: " + err.Error()
}

// Rule is a field rule of DESIGN.md §1 that a validation error names.
type Rule string

const (
	RuleRequired Rule = "required"  // empty (a title: empty in both languages)
	RuleTooLong  Rule = "too_long"  // longer than Limit characters
	RuleSpaces   Rule = "spaces"    // a code with leading or trailing spaces
	RuleNotUTF8  Rule = "utf8"      // not valid UTF-8
	RuleOrder    Rule = "order"     // an end before its start
	RulePositive Rule = "positive"  // a weight not above 0
	RuleRange    Rule = "range"     // outside its bounds
	RuleNegative Rule = "negative"  // money below 0
	RuleFuture   Rule = "future"    // a completion after the day of the edit
	RuleLink     Rule = "link"      // not an http(s) link
	RuleReason   Rule = "reason"    // a status override without a reason
	RuleUsed     Rule = "duplicate" // a code another row has
	RuleControl  Rule = "control"   // a code with a control character
	RuleEmail    Rule = "email"     // not an e-mail address (name@domain.bg)
	RuleOffice   Rule = "office"    // the change would leave the strategy without an office user
	RuleTooLarge Rule = "too_large" // a file larger than Limit bytes
	RuleOneOf    Rule = "one_of"    // not one of the values the field takes (a kind, a role, a status)
	RuleNumber   Rule = "number"    // not a finite number, or beyond ±MaxKPIValue
	RuleTarget   Rule = "target"    // a KPI's target equals its baseline
	RuleBaseline Rule = "baseline"  // a KPI value dated before the KPI's baseline date
	RuleOneADay  Rule = "one_a_day" // a second value of a KPI on the same day
)

// ErrorRule returns the rule err broke and its limit, or "".
func ErrorRule(err error) (Rule, float64) {
	var e *Error
	if errors.As(err, &e) {
		return e.Rule, e.Limit
	}
	return "", 0
}
