package model

import (
	"errors"
	"fmt"
	"strings"
)

// The words of an error live in the translation files
// (assets/translations/bg.json and en.json), found by the error's codes:
// its Rule (with Field and Limit) or its Reason. This file is the one
// mapping from the codes to the keys, used by the app, the command line and
// the workbook imports, so that no caller reads the English Message to
// translate it. Texts is how a caller hands over its language's file.

// Texts looks a key up in one language's translation file.
type Texts func(key string) (string, bool)

// RuleKey returns the translation key saying the rule e broke and the
// arguments of its text; "" when e names no rule.
func RuleKey(e *Error) (string, []any) {
	base := FieldBase(e.Field)
	switch e.Rule {
	case RuleRequired:
		if base == "title" || base == "name" {
			return "invalid.title", nil
		}
		if base == "text" {
			return "invalid.text", nil
		}
		if base == "funding" && strings.HasSuffix(e.Field, ".name") {
			return "invalid.fundingname", nil
		}
		return "invalid.required", nil
	case RuleTooLong:
		return "invalid.toolong", []any{int(e.Limit)}
	case RuleOrder:
		return "invalid.endbeforestart", nil
	case RulePositive:
		return "invalid.weight", nil
	case RuleRange:
		switch base {
		case "manualProgress":
			return "invalid.progress", nil
		case "due", "completed", "date", "start", "end":
			return "invalid.range", nil
		case "weight":
			return "invalid.weight.range", nil
		}
		return "invalid.toomuch", nil
	case RuleNegative:
		return "invalid.negative", nil
	case RuleFuture:
		return "invalid.future", nil
	case RuleLink:
		return "invalid.link", nil
	case RuleReason:
		return "invalid.reason", nil
	case RuleUsed:
		return "invalid.duplicate", nil
	case RuleSpaces:
		return "invalid.spaces", nil
	case RuleNotUTF8:
		return "invalid.utf8", nil
	case RuleEmail:
		return "invalid.email", nil
	case RuleOneOf:
		return "invalid.oneof", nil
	case RuleNumber:
		return "invalid.number", nil
	case RuleTarget:
		return "invalid.target", nil
	case RuleBaseline:
		return "invalid.beforebaseline.plain", nil
	case RuleOneADay:
		return "invalid.onevalueaday", nil
	case RuleControl:
		return "invalid.control", nil
	case RuleOffice:
		return "invalid.lastoffice", nil
	case RuleTooLarge:
		return "invalid.toolarge", []any{SizeLabel(int64(e.Limit))}
	}
	return "", nil
}

// ReasonKey is the translation key of why Authorize refused ("" for none).
func ReasonKey(r Reason) string {
	if r == "" {
		return ""
	}
	return "lock.reason." + string(r)
}

// rowOf names the row e is about, followed by ": ", or "" when e names none.
// The translation key "row.<entity>" holds the words; its verbs take the
// name in Bulgarian (%[1]s) and in English (%[2]s), so that each file picks
// its own.
func rowOf(e *Error, t Texts) string {
	if e.Row == "" || e.RowName.IsEmpty() {
		return ""
	}
	words, ok := t("row." + string(e.Row))
	if !ok {
		return ""
	}
	return fmt.Sprintf(words, e.RowName.In(BG), e.RowName.In(EN)) + ": "
}

// NameRow gives a validation error (EINVALID) of row the row's name
// (RowLabel), unless it names one already; other errors pass as they are.
func NameRow(err error, row Row) error {
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID || e.Row != "" {
		return err
	}
	if name := RowLabel(row); !name.IsEmpty() {
		e.Row, e.RowName = row.Entity(), name
	}
	return err
}

// RowLabel is the name of row as people write it: a goal's, area's, unit's
// or measure's code (its title while it has none), a person's name, a
// milestone's title, a KPI's name, the date of a KPI value or an update;
// empty for the strategy (there is one) and a row without a name yet.
func RowLabel(row Row) Text {
	codeOr := func(code string, title Text) Text {
		if code != "" {
			return T(code, code)
		}
		return title
	}
	dated := func(day Date) Text {
		if day.IsZero() {
			return Text{}
		}
		return T(day.Display(BG), day.Display(EN))
	}
	switch r := row.(type) {
	case *Goal:
		return codeOr(r.Code, r.Title)
	case *Area:
		return codeOr(r.Code, r.Title)
	case *Unit:
		return codeOr(r.Code, r.Name)
	case *Measure:
		return codeOr(r.Code, r.Title)
	case *Person:
		return r.Name
	case *Milestone:
		return r.Title
	case *KPI:
		return r.Name
	case *KPIValue:
		return dated(r.Date)
	case *Update:
		return dated(r.Date)
	}
	return Text{}
}

// FieldBase is the field a key names, without the language or the place
// inside it: "title" of "title.en", "funding" of "funding[1].amountCents".
func FieldBase(key string) string {
	if i := strings.IndexAny(key, ".["); i >= 0 {
		return key[:i]
	}
	return key
}

// RuleText is the rule e broke in the language of t, or "" when e names
// no rule or t has no text for it.
func RuleText(e *Error, t Texts) string {
	key, args := RuleKey(e)
	if key == "" {
		return ""
	}
	s, ok := t(key)
	if !ok {
		return ""
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// Say is err in the language of t: the rule it broke after the name of
// its field ("E-mail: Не е адрес на е-поща."), or why it was refused; an
// error with neither keeps its message (a storage or file error, which
// names the file).
func Say(err error, t Texts) string {
	var e *Error
	if err == nil {
		return ""
	}
	if !errors.As(err, &e) {
		return ErrorMessage(err)
	}
	if rule := RuleText(e, t); rule != "" {
		if name, ok := t("field." + FieldBase(e.Field)); ok && e.Field != "" {
			rule = name + ": " + rule
		}
		return rowOf(e, t) + rule
	}
	if key := ReasonKey(e.Reason); key != "" {
		if s, ok := t(key); ok {
			return s
		}
	}
	return e.Message
}
