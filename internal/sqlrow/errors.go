package sqlrow

import (
	"errors"
	"fmt"

	"strategytracker/model"
)

// Refusal is what a driver reads a database error as: the constraint
// the database refused a write by, in the row layer's words.
type Refusal int

// The refusals both engines know.
const (
	// Unknown is an error the driver does not read: an internal error.
	Unknown Refusal = iota
	// StillReferred is a foreign key: the row is still referred to, or
	// refers to a row that does not exist.
	StillReferred
	// CodeUsed is a unique key: a code or name taken by another row.
	CodeUsed
	// OneValueADay is the unique (KPI, date) of kpi_values.
	OneValueADay
	// Busy is a file another connection holds locked for longer than the
	// driver waits (SQLite's busy timeout).
	Busy
)

// WrapError turns a driver's error into a model error that says what was
// being done (format and args) and why the database refused it (refusal,
// the driver's reading of err). A model error passes unchanged; an error
// neither engine reads is internal and keeps err (for errors.Is).
func WrapError(err error, refusal Refusal, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	what := fmt.Sprintf(format, args...)
	switch refusal {
	case StillReferred:
		return model.Errorf(model.EINVALID, "%s: it is still referred to, or refers to something that does not exist", what)
	case CodeUsed:
		return model.Errorf(model.EINVALID, "%s: the code or name is already used", what)
	case OneValueADay:
		return model.InvalidField("date", "%s: that date already has a value: a KPI has one value a day", what)
	case Busy:
		return model.Refused(model.EINTERNAL, model.ReasonFileBusy, "%s: another program or person holds the file: try again in a moment: %w", what, err)
	}
	return model.Errorf(model.EINTERNAL, "%s: %w", what, err)
}
