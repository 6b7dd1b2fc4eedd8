package app

import (
	"errors"
	"time"

	"strategytracker/model"
)

// session is what the window works on, apart from its widgets: the open
// file, its document and figures, who the user is, the language, the
// as-of date and the undo history.
type session struct {
	store model.Store
	doc   *model.Doc // nil until the first load
	sum   model.Summary
	me    *model.Person // who acts; nil until chosen
	lang  model.Lang
	hist  history

	// clock returns today's date; today is the as-of date of the figures
	// shown, moved on by checkDay when the clock passes midnight.
	clock func() model.Date
	today model.Date

	// audit caches the audit log read for the history of measures, for
	// the document it was read with (see auditCache).
	auditRows auditCache
}

// newSession starts a session on store; clock nil is the local date now.
func newSession(store model.Store, clock func() model.Date) *session {
	if clock == nil {
		clock = func() model.Date { return model.DateOf(time.Now()) }
	}
	return &session{store: store, clock: clock, today: clock()}
}

// dayChanged moves the as-of date to the clock's date; true when it moved.
func (s *session) dayChanged() bool {
	d := s.clock()
	if d == s.today {
		return false
	}
	s.today = d
	if s.doc != nil {
		s.sum = model.Summarize(s.doc, d)
	}
	return true
}

// denial returns "" when the user may make the change, else the reason,
// in the user's language. The decision is model.Authorize's.
func (s *session) denial(entity model.Entity, op model.Op, m *model.Measure, fields ...string) string {
	switch {
	case s.store.ReadOnly():
		return tr("lock.readonly")
	case s.me == nil:
		return tr("lock.nouser")
	case s.me.Role == model.RoleCouncil:
		return trf("lock.council", s.me.Name.In(s.lang))
	}
	err := model.Authorize(s.me, entity, op, m, fields)
	if err == nil {
		return ""
	}
	if why := s.reasonText(err, m); why != "" {
		return why
	}
	if s.me.Role == model.RoleCoordinator {
		if m != nil && !s.me.Coordinates(m) {
			return trf("lock.otherunit", m.Code, s.unitName(m.LeadUnit), s.unitName(s.me.Unit))
		}
		return tr("lock.coordinator")
	}
	return tr("lock.role")
}

// reasonText is the user's-language text of the reason model.Authorize
// gave (model.Error.Reason); "" when it gave none.
func (s *session) reasonText(err error, m *model.Measure) string {
	var e *model.Error
	if !errors.As(err, &e) || e.Reason == "" {
		return ""
	}
	switch e.Reason {
	case "read_only_file":
		return tr("lock.readonly")
	case "no_actor":
		return tr("lock.nouser")
	case "council_read_only":
		if s.me != nil {
			return trf("lock.council", s.me.Name.In(s.lang))
		}
	case "not_their_measure":
		if m != nil && s.me != nil {
			return trf("lock.otherunit", m.Code, s.unitName(m.LeadUnit), s.unitName(s.me.Unit))
		}
	case "coordinator_scope":
		return tr("lock.coordinator")
	}
	if key, ok := reasonKeys[string(e.Reason)]; ok {
		return tr(key)
	}
	return ""
}

// reasonKeys translate the other reasons of model.Authorize.
var reasonKeys = map[string]string{
	"own_name_only": "lock.reason.own_name_only",
	"author_fixed":  "lock.reason.author_fixed",
	"unknown_role":  "lock.reason.unknown_role",
}

// canEdit reports whether the user may change anything at all.
func (s *session) canEdit() bool {
	return !s.store.ReadOnly() && s.me != nil && s.me.CanEdit()
}

func (s *session) unitName(code string) string {
	if s.doc != nil {
		if un := s.doc.Unit(code); un != nil {
			return un.Name.In(s.lang)
		}
	}
	return code
}

func (s *session) personName(ref model.Ref) string {
	if ref == 0 || s.doc == nil {
		return ""
	}
	if p := s.doc.Person(model.ID(ref)); p != nil {
		return p.Name.In(s.lang)
	}
	return ""
}

// observe hands a dialog or form the app just opened to the tests, which
// replace it; the app itself keeps no reference for them.
var observe = func(any) {}
