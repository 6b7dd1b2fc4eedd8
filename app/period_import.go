package app

import (
	"time"

	"strategytracker/model"
)

// recordImportReturn notes, in the transaction of an import, that unit
// returned its template in the open period with changes changes, so that
// the status list shows it. The update template does not carry its
// period yet: the open one is taken. Nothing is recorded for a template of
// every unit, outside a cycle, on a store without periods, or when a
// coordinator imports another unit's template (the period's rules let a
// coordinator record their own unit's return only; the import stands).
func recordImportReturn(tx model.Tx, unit string, changes int, actor model.ID, at time.Time) error {
	if unit == "" {
		return nil
	}
	if _, err := model.PeriodsOf(tx); err != nil {
		return nil
	}
	d := tx.Doc()
	if d.OpenPeriod() == nil || d.Unit(unit) == nil {
		return nil
	}
	if p := d.Person(actor); p == nil || (p.Role != model.RoleOffice && p.Unit != unit) {
		return nil
	}
	return model.RecordReturn(tx, model.Return{Unit: unit, Changes: changes}, actor, at)
}
