package sqlrow

import (
	"errors"
	"strings"
	"testing"

	"strategytracker/model"
)

// A refusal reads the same on both engines: its code and words come
// from here, whichever driver read the database's error.
func TestWrapError(t *testing.T) {
	dbErr := errors.New("constraint failed")
	modelErr := model.Errorf(model.ECONFLICT, "changed by someone else")
	for _, tt := range []struct {
		name     string
		err      error
		refusal  Refusal
		wantCode string
		wantText string
	}{
		{"foreign key", dbErr, StillReferred, model.EINVALID, "save unit 3: it is still referred to"},
		{"unique", dbErr, CodeUsed, model.EINVALID, "save unit 3: the code or name is already used"},
		{"one value a day", dbErr, OneValueADay, model.EINVALID, "that date already has a value"},
		{"unknown", dbErr, Unknown, model.EINTERNAL, "save unit 3: constraint failed"},
		{"a model error passes", modelErr, CodeUsed, model.ECONFLICT, "changed by someone else"},
	} {
		got := WrapError(tt.err, tt.refusal, "save %s %d", "unit", 3)
		if model.ErrorCode(got) != tt.wantCode || !strings.Contains(got.Error(), tt.wantText) {
			t.Errorf("%s: %v (%s), want %s with %q", tt.name, got, model.ErrorCode(got), tt.wantCode, tt.wantText)
		}
	}
	if got := WrapError(nil, CodeUsed, "save"); got != nil {
		t.Errorf("no error: %v", got)
	}
	if got := WrapError(dbErr, Unknown, "save"); !errors.Is(got, dbErr) {
		t.Errorf("an internal error lost the database's: %v", got)
	}
	var me *model.Error
	if got := WrapError(dbErr, OneValueADay, "save"); !errors.As(got, &me) || me.Field != "date" {
		t.Errorf("one value a day: %#v, want the field date", got)
	}
}
