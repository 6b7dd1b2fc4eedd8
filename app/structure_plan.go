package app

import "strategytracker/model"

// The adopted plan through the app's recording transaction: UI.save wraps
// the store's Tx in a recordingTx, which passes these on (model.PlanTx).
// Marking the plan adopted is a formal act and not a step of undo.

func (t *recordingTx) Adopt(a *model.Adoption) error {
	p, err := model.AsPlanTx(t.Tx)
	if err != nil {
		return err
	}
	return p.Adopt(a)
}

func (t *recordingTx) SetRevisionReason(r model.Text) {
	if p, err := model.AsPlanTx(t.Tx); err == nil {
		p.SetRevisionReason(r)
	}
}
