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
