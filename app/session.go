package app

import (
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

	// observe is given every dialog and form the app opens: a no-op the
	// tests (and the screenshot driver) replace to reach them; the app
	// itself keeps no reference for them.
	observe func(any)
}

// newSession starts a session on store; clock nil is the local date now.
func newSession(store model.Store, clock func() model.Date) *session {
	clock = orLocalClock(clock)
	return &session{store: store, clock: clock, today: clock(), observe: func(any) {}}
}

// orLocalClock is clock, or the local date now when clock is nil: the one
// clock of the app (Options.Today).
func orLocalClock(clock func() model.Date) func() model.Date {
	if clock == nil {
		return func() model.Date { return model.DateOf(time.Now()) }
	}
	return clock
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
// in the user's language. The decision is model.Authorize's; the app adds
// only that a file opened read-only takes no change at all.
func (s *session) denial(entity model.Entity, op model.Op, m *model.Measure, fields ...string) string {
	if s.store.ReadOnly() {
		return tr("lock.readonly")
	}
	err := model.Authorize(s.me, entity, op, m, fields)
	if err == nil {
		return ""
	}
	if why := s.reasonText(err, m); why != "" {
		return why
	}
	return tr("lock.role")
}

// reasonText is the user's-language text of the reason model.Authorize
// gave (model.ErrorReason); "" when it gave none.
func (s *session) reasonText(err error, m *model.Measure) string {
	switch model.ErrorReason(err) {
	case model.ReasonReadOnlyFile:
		return tr("lock.readonly")
	case model.ReasonNoActor:
		return tr("lock.nouser")
	case model.ReasonCouncil:
		if s.me != nil {
			return trf("lock.council", s.me.Name.In(s.lang))
		}
	case model.ReasonNotTheirMeasure:
		if m != nil && s.me != nil {
			return trf("lock.otherunit", m.Code, s.unitName(m.LeadUnit), s.unitName(s.me.Unit))
		}
		return tr("lock.coordinator")
	}
	if s, ok := currentTexts(model.ReasonKey(model.ErrorReason(err))); ok {
		return s // the reason's words without names (model.ReasonKey)
	}
	return ""
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
