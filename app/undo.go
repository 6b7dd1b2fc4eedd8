package app

import (
	"context"
	"slices"

	"strategytracker/model"
)

// Undo and redo work edit by edit: one edit is everything one Store.Update
// of the app wrote (a whole dialog's save). Undoing an edit writes, in a
// new transaction, the previous values of the fields it changed onto the
// rows as they stand now (with their current versions), deletes the rows it
// created and creates again the rows it deleted; redo does the reverse.
// Opening a file or importing a workbook empties the history, so that undo
// never reaches across them.

// rowChange is one row an edit wrote: before is nil when the edit created
// it, after is nil when the edit deleted it.
type rowChange struct {
	entity        model.Entity
	before, after any
}

// edit is one step of undo.
type edit struct {
	label   string
	changes []rowChange
	// reason is the one given for its changes of the adopted plan: a redo
	// records them again with it.
	reason model.Text
}

// history holds the steps to undo and to redo.
type history struct {
	undo, redo []*edit
	// ids maps the id a row had to the id it got when undo or redo created
	// it again, so that older steps still find it.
	ids idMap
}

func (h *history) push(e *edit) {
	h.undo = append(h.undo, e)
	h.redo = nil
}

// clear forgets every step (a file was opened or a workbook imported).
func (h *history) clear() {
	h.undo, h.redo, h.ids = nil, nil, nil
}

func (h *history) canUndo() bool { return len(h.undo) > 0 }
func (h *history) canRedo() bool { return len(h.redo) > 0 }

// idMap maps, per entity, an id a row had to the id it has now.
type idMap map[model.Entity]map[model.ID]model.ID

// snapshot copies the id changes, for a replay off the UI goroutine.
func (h *history) snapshot() idMap {
	c := idMap{}
	for e, m := range h.ids {
		c[e] = map[model.ID]model.ID{}
		for k, v := range m {
			c[e][k] = v
		}
	}
	return c
}

func (m idMap) resolve(entity model.Entity, id model.ID) model.ID {
	for n := 0; n < 100; n++ {
		next, ok := m[entity][id]
		if !ok {
			return id
		}
		id = next
	}
	return id
}

func (h *history) remap(entity model.Entity, from, to model.ID) {
	if h.ids == nil {
		h.ids = idMap{}
	}
	if h.ids[entity] == nil {
		h.ids[entity] = map[model.ID]model.ID{}
	}
	h.ids[entity][from] = to
}

// replay writes, for every change of e, the move from one state to the
// other: undo moves after → before, in reverse order; redo before → after.
// ids are the id changes known so far. It returns the id changes of rows
// created again.
func replay(tx model.Tx, e *edit, undo bool, ids idMap) (idMap, error) {
	created := idMap{}
	n := len(e.changes)
	for k := 0; k < n; k++ {
		c := e.changes[k]
		from, to := c.before, c.after
		if undo {
			c = e.changes[n-1-k]
			from, to = c.after, c.before
		}
		resolve := func(entity model.Entity, id model.ID) model.ID {
			if m, ok := created[entity][id]; ok {
				return m
			}
			return ids.resolve(entity, id)
		}
		switch {
		case to == nil: // the row must go
			id := resolve(c.entity, rowID(from))
			cur := findRow(tx.Doc(), c.entity, id)
			if cur == nil {
				continue // already gone
			}
			if err := tx.Delete(c.entity, id, rowVersion(cur)); err != nil {
				return nil, err
			}
		case from == nil: // the row must come back
			row := cloneRow(to)
			old := rowID(row)
			clearStored(row)
			reparent(row, resolve)
			if err := saveRow(tx, row); err != nil {
				return nil, err
			}
			if created[c.entity] == nil {
				created[c.entity] = map[model.ID]model.ID{}
			}
			created[c.entity][old] = rowID(row)
		default: // fields go back (or forth)
			id := resolve(c.entity, rowID(from))
			cur := findRow(tx.Doc(), c.entity, id)
			if cur == nil {
				return nil, model.Errorf(model.ENOTFOUND, "%s", trf("undo.gone", entityName(c.entity)))
			}
			applyFields(cur, from, to)
			if err := saveRow(tx, cur); err != nil {
				return nil, err
			}
		}
	}
	return created, nil
}

// reparent points a row created again at its parent's current id.
func reparent(row any, resolve func(model.Entity, model.ID) model.ID) {
	switch r := row.(type) {
	case *model.Milestone:
		r.MeasureID = resolve(model.EntityMeasure, r.MeasureID)
	case *model.KPI:
		r.MeasureID = resolve(model.EntityMeasure, r.MeasureID)
	case *model.KPIValue:
		r.KPIID = resolve(model.EntityKPI, r.KPIID)
	case *model.Update:
		r.MeasureID = resolve(model.EntityMeasure, r.MeasureID)
	}
}

// onUndo undoes the latest edit.
func (u *UI) onUndo() { u.step(true) }

// onRedo does again the latest undone edit.
func (u *UI) onRedo() { u.step(false) }

func (u *UI) step(undo bool) {
	stack := &u.hist.redo
	if undo {
		stack = &u.hist.undo
	}
	if len(*stack) == 0 || u.me == nil || u.stepping {
		return
	}
	u.stepping = true
	e := (*stack)[len(*stack)-1]
	store, actor, ids := u.store, u.me.ID, u.hist.snapshot()
	u.background(func() func() {
		var created idMap
		err := store.Update(context.Background(), actor, model.ActionUpdate, "", func(tx model.Tx) error {
			var err error
			u.reviseForUndo(tx, e, undo) // measureactions_revisions.go
			created, err = replay(tx, e, undo, ids)
			return err
		})
		var doc *model.Doc
		if err == nil {
			doc, _ = store.Doc(context.Background())
		}
		return func() {
			u.stepping = false
			if u.store != store {
				return // another file was opened meanwhile
			}
			if err != nil {
				what := tr("error.undo")
				if !undo {
					what = tr("error.redo")
				}
				u.showError(what, err)
				return
			}
			for entity, m := range created {
				for from, to := range m {
					u.hist.remap(entity, from, to)
				}
			}
			// Move the step to the other stack, unless the history changed
			// meanwhile (an import emptied it).
			if i := slices.Index(*stack, e); i >= 0 {
				*stack = slices.Delete(*stack, i, i+1)
				if undo {
					u.hist.redo = append(u.hist.redo, e)
				} else {
					u.hist.undo = append(u.hist.undo, e)
				}
			}
			if doc != nil {
				u.setDoc(doc)
			}
		}
	})
}

// recorder collects the rows an edit writes and the reason it gave for
// changes of the adopted plan.
type recorder struct {
	changes []rowChange
	reason  model.Text
}

// recordingTx passes every write on to the store's Tx and records the row
// before and after it.
type recordingTx struct {
	model.Tx
	rec *recorder
}

func (t *recordingTx) save(row any, save func() error) error {
	entity := entityOf(row)
	var before any
	if id := rowID(row); id != 0 || entity == model.EntityStrategy {
		before = findRow(t.Tx.Doc(), entity, id)
	}
	if err := save(); err != nil {
		return err
	}
	after := findRow(t.Tx.Doc(), entity, rowID(row))
	if after == nil {
		after = cloneRow(row)
	}
	if before != nil && len(changedFields(before, after)) == 0 {
		return nil // nothing changed
	}
	t.rec.changes = append(t.rec.changes, rowChange{entity: entity, before: before, after: after})
	return nil
}

func (t *recordingTx) SetRevisionReason(reason model.Text) {
	t.rec.reason = reason
	t.Tx.SetRevisionReason(reason)
}

func (t *recordingTx) SaveStrategy(s *model.Strategy) error {
	return t.save(s, func() error { return t.Tx.SaveStrategy(s) })
}
func (t *recordingTx) SaveGoal(g *model.Goal) error {
	return t.save(g, func() error { return t.Tx.SaveGoal(g) })
}
func (t *recordingTx) SaveArea(a *model.Area) error {
	return t.save(a, func() error { return t.Tx.SaveArea(a) })
}
func (t *recordingTx) SaveUnit(x *model.Unit) error {
	return t.save(x, func() error { return t.Tx.SaveUnit(x) })
}
func (t *recordingTx) SavePerson(p *model.Person) error {
	return t.save(p, func() error { return t.Tx.SavePerson(p) })
}
func (t *recordingTx) SaveMeasure(m *model.Measure) error {
	return t.save(m, func() error { return t.Tx.SaveMeasure(m) })
}
func (t *recordingTx) SaveMilestone(ms *model.Milestone) error {
	return t.save(ms, func() error { return t.Tx.SaveMilestone(ms) })
}
func (t *recordingTx) SaveKPI(k *model.KPI) error {
	return t.save(k, func() error { return t.Tx.SaveKPI(k) })
}
func (t *recordingTx) SaveKPIValue(v *model.KPIValue) error {
	return t.save(v, func() error { return t.Tx.SaveKPIValue(v) })
}
func (t *recordingTx) SaveUpdate(x *model.Update) error {
	return t.save(x, func() error { return t.Tx.SaveUpdate(x) })
}

func (t *recordingTx) Delete(entity model.Entity, id model.ID, version int64) error {
	before := findRow(t.Tx.Doc(), entity, id)
	if err := t.Tx.Delete(entity, id, version); err != nil {
		return err
	}
	if before != nil {
		t.rec.changes = append(t.rec.changes, rowChange{entity: entity, before: before})
	}
	return nil
}
