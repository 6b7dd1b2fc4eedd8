package app

import (
	"strings"
	"testing"

	"strategytracker/model"
)

// The newer audit entries read as a person writes them (issue 22): a
// period by its name, its state as a word, times as dates, people by
// name, returns and narrative as texts (not money), a snapshot without
// the doubled word, a revision as the change it made.
func TestAuditEntriesOfTheCycleAreReadable(t *testing.T) {
	setLanguage(model.BG)
	t.Cleanup(func() { setLanguage(model.BG) })
	v := newAuditView(periodDoc(), model.BG)
	at := "2026-12-07T15:58:25.704036Z"
	tests := []struct {
		name  string
		entry model.AuditEntry
		want  []string
		never []string
	}{
		{"state", model.AuditEntry{At: at, Action: model.ActionUpdate, Entity: model.EntityPeriod, EntityID: 7, Field: "state", Old: `"closed"`, New: `"open"`},
			[]string{"отчетен период „IV тримесечие 2026“", "приключен → отворен"}, []string{"№7", "open"}},
		{"opened at and by", model.AuditEntry{At: at, Action: model.ActionUpdate, Entity: model.EntityPeriod, EntityID: 7, Field: "openedBy", Old: "0", New: "1"},
			[]string{"Ивелина Петрова"}, []string{"→ 1"}},
		{"a return", model.AuditEntry{At: at, Action: model.ActionUpdate, Entity: model.EntityPeriod, EntityID: 7, Field: "returns", Old: `[]`,
			New: `[{"id":1,"unit":"INNO","writtenAt":"2026-10-23T08:00:00Z","returnedAt":"2026-12-01T09:00:00Z","returnedBy":2,"changes":3,"filledBy":""}]`},
			[]string{"Иновативна София", "01.12.2026"}, []string{"€", "2026-12-01T"}},
		{"the narrative", model.AuditEntry{At: at, Action: model.ActionUpdate, Entity: model.EntityPeriod, EntityID: 7, Field: "narrative", Old: ``,
			New: `[{"id":1,"area":"","kind":"commentary","text":{"bg":"Стратегията напредва.","en":"On track."},"proposedBy":0,"acceptedBy":0}]`},
			[]string{"„Стратегията напредва.“"}, []string{"€", "0,00"}},
		{"the report's submitter", model.AuditEntry{At: at, Action: model.ActionUpdate, Entity: model.EntityStrategy, EntityID: 1, Field: "submitter", Old: "null", New: "1"},
			[]string{"Вносител на отчета", "Ивелина Петрова"}, []string{"submitter", "→ 1"}},
		{"the English note", model.AuditEntry{At: at, Action: model.ActionUpdate, Entity: model.EntityMilestone, EntityID: msPending, Field: "noteEn", Old: `""`, New: `"Postponed"`},
			[]string{"Бележка (EN): — → Postponed"}, []string{"noteEn"}},
		{"a snapshot", model.AuditEntry{At: at, Action: model.ActionSnapshot, Entity: model.EntitySnapshot, EntityID: 3, New: `{"name":"Q4","asOf":"2026-11-30"}`},
			[]string{"направи отчетна точка\n„Q4“"}, []string{"отчетна точка отчетна точка", "2026-11-30"}},
		{"a revision", model.AuditEntry{At: at, Action: model.ActionCreate, Entity: model.EntityRevision, EntityID: 5,
			New: `{"id":5,"entity":"measure","entityId":` + itoa(int(mDocs)) + `,"measureId":` + itoa(int(mDocs)) + `,"field":"end","original":"2027-12-31","previous":"2027-12-31","current":"2028-06-30","at":"` + at + `","by":"x","reason":{"bg":"обжалване","en":""}}`},
			[]string{"ревизия на плана\nМярка 1.1: ", "31.12.2027 → 30.06.2028", "обжалване"}, []string{"entityId", "2026-12-07T", "№"}},
	}
	for _, tt := range tests {
		got := v.line(tt.entry)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.name, got, w)
			}
		}
		for _, n := range tt.never {
			if strings.Contains(got, n) {
				t.Errorf("%s: %q shows %q", tt.name, got, n)
			}
		}
		if strings.Contains(got, "2026-12-07") {
			t.Errorf("%s: an ISO time in %q", tt.name, got)
		}
	}
}
