package storetest

import (
	"slices"
	"strings"
	"testing"

	"strategytracker/model"
)

// testTwoLanguages: a milestone's English note, a status override's English
// reason and the strategy's submitter (DESIGN.md §1.2) are stored, read
// back, audited by field, held to the limits of their Bulgarian
// counterparts, and a submitter is a person who cannot be deleted while
// they submit the report.
func testTwoLanguages(t *testing.T, open Open) {
	f := setUp(t, open)
	before := len(f.audit())
	ms := f.own.Milestones[0]
	ms.Note, ms.NoteEn = "Прието от комисията", "Accepted by the committee"
	m := *f.own
	m.Override = &model.Override{Status: model.StatusAtRisk, Reason: "Забавена поръчка", ReasonEn: "Delayed procurement"}
	st := f.doc().Strategy
	st.Submitter = model.Ref(f.council.ID)
	f.mustUpdate(f.office, func(tx model.Tx) error {
		if err := tx.SaveMilestone(&ms); err != nil {
			return err
		}
		if err := tx.SaveMeasure(&m); err != nil {
			return err
		}
		return tx.SaveStrategy(&st)
	})
	d := f.doc()
	gotMs, _ := d.MilestoneByID(ms.ID)
	got := []string{gotMs.Note, gotMs.NoteEn, d.Measure(m.ID).Override.Reason, d.Measure(m.ID).Override.ReasonEn}
	want := []string{"Прието от комисията", "Accepted by the committee", "Забавена поръчка", "Delayed procurement"}
	if !slices.Equal(got, want) {
		t.Errorf("read back note bg/en, reason bg/en = %q, want %q", got, want)
	}
	if d.Strategy.Submitter != model.Ref(f.council.ID) {
		t.Errorf("submitter = %d, want %d", d.Strategy.Submitter, f.council.ID)
	}
	var fields []string
	for _, e := range f.audit()[before:] {
		fields = append(fields, e.Field)
	}
	for _, w := range []string{"noteEn", "override", "submitter"} {
		if !slices.Contains(fields, w) {
			t.Errorf("audited fields %v lack %s", fields, w)
		}
	}

	// The limits and references of the Bulgarian texts and of people.
	long := strings.Repeat("ж", model.MaxNote+1)
	entries := len(f.audit())
	snapshot := encode(t, d)
	tooLong := ms
	tooLong.NoteEn = long
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveMilestone(&tooLong) }), model.EINVALID, "", "noteEn")
	badReason := *d.Measure(m.ID)
	badReason.Override = &model.Override{Status: model.StatusAtRisk, Reason: "x", ReasonEn: long}
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveMeasure(&badReason) }), model.EINVALID, "", "override.reasonEn")
	nobody := d.Strategy
	nobody.Submitter = 999999
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.SaveStrategy(&nobody) }), model.EINVALID, "", "submitter")
	p := d.Person(f.council.ID)
	wantError(t, f.update(f.office, func(tx model.Tx) error { return tx.Delete(model.EntityPerson, p.ID, p.Version) }), model.EINVALID, "", "")
	f.unchanged(snapshot, entries)
}
