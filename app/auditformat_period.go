package app

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"strategytracker/model"
)

// The audit entries of the reporting cycle and of the adopted plan's
// revisions, written for people (auditformat.go does the rest).

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// periodPart writes a period's returns, narrative or reopenings as
// people read them: the units that reported, the texts, the reasons.
func (v *auditView) periodPart(name, s string) string {
	var p model.Period
	if json.Unmarshal([]byte(`{"`+name+`":`+s+`}`), &p) != nil {
		return shorten(s)
	}
	var parts []string
	for _, r := range p.Returns {
		if r.ReturnedAt != "" {
			parts = append(parts, v.value("unit", strconv.Quote(r.Unit))+" ("+model.FormatStamp(r.ReturnedAt, v.lang)+")")
		}
	}
	for _, n := range p.Narrative {
		if t := strings.TrimSpace(n.Text.In(v.lang)); t != "" {
			parts = append(parts, model.Quote(t, v.lang))
		}
	}
	for _, r := range p.Reopened {
		parts = append(parts, model.Quote(r.Reason, v.lang))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, "; ")
}

// revisionSummary writes a revision of the adopted plan: which value of
// which row changed from what to what, and why.
func (v *auditView) revisionSummary(s string) string {
	var r model.Revision
	if json.Unmarshal([]byte(s), &r) != nil || r.Field == "" {
		return v.rowSummary(s)
	}
	row := v.subject(model.AuditEntry{Entity: r.Entity, EntityID: r.EntityID})
	line := capitalize(row) + ": " + model.RevisionFieldLabel(r.Entity, r.Field, v.lang) + ": " +
		model.FormatRevisionValue(r.Field, r.Previous, v.lang) + " → " + model.FormatRevisionValue(r.Field, r.Current, v.lang)
	if reason := strings.TrimSpace(r.Reason.In(v.lang)); reason != "" {
		line += " (" + tr("revision.reason") + ": " + reason + ")"
	}
	return shorten(line)
}

// periodAdded writes the returns or narrative texts that new has and old
// had not (a unit's return, a text written or changed): an entry says
// what changed rather than the whole list before and after. "" when
// nothing was added (a removal shows as before → after).
func (v *auditView) periodAdded(name, old, new string) string {
	var a, b model.Period
	if json.Unmarshal([]byte(`{"`+name+`":`+orEmptyList(old)+`}`), &a) != nil ||
		json.Unmarshal([]byte(`{"`+name+`":`+orEmptyList(new)+`}`), &b) != nil {
		return ""
	}
	var added []string
	for _, r := range b.Returns {
		if r.ReturnedAt != "" && !slices.ContainsFunc(a.Returns, func(x model.UnitReturn) bool { return x.Unit == r.Unit && x.ReturnedAt == r.ReturnedAt }) {
			added = append(added, v.value("unit", strconv.Quote(r.Unit))+" ("+model.FormatStamp(r.ReturnedAt, v.lang)+")")
		}
	}
	for _, n := range b.Narrative {
		if t := strings.TrimSpace(n.Text.In(v.lang)); t != "" && !slices.ContainsFunc(a.Narrative, func(x model.Narrative) bool { return x.Text == n.Text }) {
			added = append(added, model.Quote(t, v.lang))
		}
	}
	return strings.Join(added, "; ")
}

func orEmptyList(s string) string {
	if strings.TrimSpace(s) == "" || s == "null" {
		return "[]"
	}
	return s
}
