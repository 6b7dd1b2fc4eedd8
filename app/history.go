package app

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"strategytracker/model"
)

// historyTab lists the audit entries of the measure and its rows, newest
// first, written for people (auditView).
type historyTab struct {
	d      *detailScreen
	root   fyne.CanvasObject
	list   *widget.List
	lines  []string
	status *widget.Label
}

func newHistoryTab(d *detailScreen) *historyTab {
	h := &historyTab{d: d}
	h.status = hint("")
	h.list = linesList(&h.lines)
	h.root = container.NewBorder(h.status, nil, nil, nil, h.list)
	return h
}

// auditKey is a row of the audit log.
type auditKey struct {
	entity model.Entity
	id     model.ID
}

// auditCache holds the audit entries of the rows of measures, by row, as
// read for one document: a change of the file reloads the document, and
// only then is the log read again — once, whatever the number of rows.
type auditCache struct {
	doc   *model.Doc
	byRow map[auditKey][]model.AuditEntry
}

var measureEntities = []model.Entity{model.EntityMeasure, model.EntityMilestone, model.EntityKPI, model.EntityKPIValue, model.EntityUpdate}

// indexAudit keeps the entries about measures and their rows.
func indexAudit(entries []model.AuditEntry) map[auditKey][]model.AuditEntry {
	by := map[auditKey][]model.AuditEntry{}
	for _, e := range entries {
		if slices.Contains(measureEntities, e.Entity) {
			k := auditKey{e.Entity, e.EntityID}
			by[k] = append(by[k], e)
		}
	}
	return by
}

// keys lists the rows of m.
func measureKeys(m *model.Measure) []auditKey {
	keys := []auditKey{{model.EntityMeasure, m.ID}}
	for _, ms := range m.Milestones {
		keys = append(keys, auditKey{model.EntityMilestone, ms.ID})
	}
	for _, k := range m.KPIs {
		keys = append(keys, auditKey{model.EntityKPI, k.ID})
		for _, v := range k.Values {
			keys = append(keys, auditKey{model.EntityKPIValue, v.ID})
		}
	}
	for _, up := range m.Updates {
		keys = append(keys, auditKey{model.EntityUpdate, up.ID})
	}
	return keys
}

// load shows the measure's audit entries; the log is read only when the
// document changed since it was last read.
func (h *historyTab) load() {
	u := h.d.u
	m := h.d.measure()
	if m == nil {
		return
	}
	doc, lang := u.doc, u.lang
	show := func(by map[auditKey][]model.AuditEntry) {
		var all []model.AuditEntry
		for _, k := range measureKeys(m) {
			all = append(all, by[k]...)
		}
		slices.SortFunc(all, func(a, b model.AuditEntry) int { return int(b.Seq - a.Seq) })
		view := newAuditView(doc, lang)
		h.lines = h.lines[:0]
		for _, e := range all {
			h.lines = append(h.lines, view.line(e))
		}
		h.status.SetText(trn("history.count", len(all), len(all)))
		h.list.Refresh()
	}
	if u.auditRows.doc == doc && u.auditRows.byRow != nil {
		show(u.auditRows.byRow)
		return
	}
	store := u.store
	h.status.SetText(tr("label.loading"))
	u.background(func() func() {
		entries, err := store.Audit(context.Background(), model.AuditFilter{})
		by := indexAudit(entries)
		return func() {
			if err != nil {
				h.status.SetText(tr("error.load") + ": " + errorMessage(err))
				return
			}
			if u.store != store || u.doc != doc {
				return // the file changed meanwhile: its refresh loads again
			}
			u.auditRows = auditCache{doc: doc, byRow: by}
			show(by)
		}
	})
}
