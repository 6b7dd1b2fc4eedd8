package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func sampleEntry() AuditEntry {
	return AuditEntry{
		Seq: 42, At: "2026-11-29T08:15:30.123456Z", User: "Мария Иванова <m.ivanova@sofia.bg>",
		Action: ActionUpdate, Entity: EntityMilestone, EntityID: 17, Field: "note",
		Old: `"a & b"`, New: "Готово \"x\"\n", PrevHash: strings.Repeat("0123456789abcdef", 4),
	}
}

func TestAuditEntryComputeHash(t *testing.T) {
	e := sampleEntry()
	// The canonical JSON written by hand: fields in table order, no spaces,
	// no HTML escaping, Cyrillic as UTF-8.
	canonical := `{"seq":42,"at":"2026-11-29T08:15:30.123456Z","user":"Мария Иванова <m.ivanova@sofia.bg>",` +
		`"action":"update","entity":"milestone","entityId":17,"field":"note","old":"\"a & b\"","new":"Готово \"x\"\n",` +
		`"prevHash":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}`
	sum := sha256.Sum256([]byte(e.PrevHash + "\n" + canonical))
	want := hex.EncodeToString(sum[:])
	if got := e.ComputeHash(); got != want {
		t.Errorf("ComputeHash = %s, want %s", got, want)
	}
	e.Hash = "ffff" // the stored hash is not part of what is hashed
	if got := e.ComputeHash(); got != want {
		t.Errorf("ComputeHash with Hash set = %s, want %s", got, want)
	}
}

func TestAuditEntryGenesis(t *testing.T) {
	if got, want := GenesisHash, "0000000000000000000000000000000000000000000000000000000000000000"; got != want {
		t.Errorf("GenesisHash = %q, want %q", got, want)
	}
	e := AuditEntry{Seq: 1, At: "2026-01-01T00:00:00.000000Z", User: "system", Action: ActionLoad, Entity: EntityFile, PrevHash: GenesisHash}
	canonical := `{"seq":1,"at":"2026-01-01T00:00:00.000000Z","user":"system","action":"load","entity":"file","entityId":0,"field":"","old":"","new":"","prevHash":"` + GenesisHash + `"}`
	sum := sha256.Sum256([]byte(GenesisHash + "\n" + canonical))
	if got, want := e.ComputeHash(), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("ComputeHash = %s, want %s", got, want)
	}
}

func TestAuditEntryHashChangesWithEveryField(t *testing.T) {
	base := sampleEntry().ComputeHash()
	tests := []struct {
		field  string
		change func(e *AuditEntry)
	}{
		{"seq", func(e *AuditEntry) { e.Seq++ }},
		{"at", func(e *AuditEntry) { e.At = "2026-11-29T08:15:30.123457Z" }},
		{"user", func(e *AuditEntry) { e.User = "Мария Иванова <m.ivanova@sofia.bg> " }},
		{"action", func(e *AuditEntry) { e.Action = ActionImport }},
		{"entity", func(e *AuditEntry) { e.Entity = EntityMeasure }},
		{"entityId", func(e *AuditEntry) { e.EntityID = 18 }},
		{"field", func(e *AuditEntry) { e.Field = "evidence" }},
		{"old", func(e *AuditEntry) { e.Old = `"a & c"` }},
		{"new", func(e *AuditEntry) { e.New = "Готово \"x\"" }},
		{"prevHash", func(e *AuditEntry) { e.PrevHash = strings.Repeat("0123456789abcdef", 3) + "0123456789abcdee" }},
		{"old and new swapped", func(e *AuditEntry) { e.Old, e.New = e.New, e.Old }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			e := sampleEntry()
			tt.change(&e)
			if got := e.ComputeHash(); got == base {
				t.Errorf("changing %s left the hash at %s", tt.field, got)
			}
		})
	}
}

func TestAuditChainDetectsTampering(t *testing.T) {
	entries := make([]AuditEntry, 5)
	prev := GenesisHash
	for i := range entries {
		entries[i] = AuditEntry{Seq: int64(i + 1), At: "2026-11-29T08:00:00.000000Z", User: "u", Action: ActionUpdate,
			Entity: EntityMilestone, EntityID: ID(i), Field: "note", New: strings.Repeat("x", i), PrevHash: prev}
		entries[i].Hash = entries[i].ComputeHash()
		prev = entries[i].Hash
	}
	verify := func(es []AuditEntry) int { // index of the first broken link, -1 when whole
		prev := GenesisHash
		for i, e := range es {
			if e.PrevHash != prev || e.ComputeHash() != e.Hash {
				return i
			}
			prev = e.Hash
		}
		return -1
	}
	if got := verify(entries); got != -1 {
		t.Fatalf("untouched chain breaks at %d", got)
	}
	entries[2].New = "edited outside the app"
	if got, want := verify(entries), 2; got != want {
		t.Errorf("tampered chain breaks at %d, want %d", got, want)
	}
}

func TestUserLabel(t *testing.T) {
	tests := []struct {
		p    Person
		want string
	}{
		{Person{Name: T("Мария Иванова", "Maria Ivanova"), Email: "m@sofia.bg"}, "Мария Иванова <m@sofia.bg>"},
		{Person{Name: T("", "Maria Ivanova")}, "Maria Ivanova"},
	}
	for _, tt := range tests {
		if got := UserLabel(&tt.p); got != tt.want {
			t.Errorf("UserLabel = %q, want %q", got, tt.want)
		}
	}
}
