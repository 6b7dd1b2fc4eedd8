package site

import "strategytracker/model"

// revisions lists the changes to m's adopted plan (dates, targets, planned
// budget: original → current, with the reason). The model has no record of
// revisions yet; when it does, fill the rows here and the measure page shows
// them in its "Revisions of the adopted plan" section.
func (s *site) revisions(m *model.Measure, lang model.Lang) []revisionRow {
	return nil
}
