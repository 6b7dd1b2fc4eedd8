package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Action is what an audit entry records.
type Action string

const (
	ActionCreate   Action = "create"
	ActionUpdate   Action = "update"
	ActionDelete   Action = "delete"
	ActionImport   Action = "import"
	ActionSnapshot Action = "snapshot"
	ActionLoad     Action = "load"
)

// Entity names a kind of row in audit entries and permission checks.
type Entity string

const (
	EntityStrategy  Entity = "strategy"
	EntityGoal      Entity = "goal"
	EntityArea      Entity = "area"
	EntityUnit      Entity = "unit"
	EntityPerson    Entity = "person"
	EntityMeasure   Entity = "measure"
	EntityMilestone Entity = "milestone"
	EntityKPI       Entity = "kpi"
	EntityKPIValue  Entity = "kpi_value"
	EntityUpdate    Entity = "update"
	EntitySnapshot  Entity = "snapshot"
	EntityFile      Entity = "file"
)

// GenesisHash is the previous hash of the first audit entry.
var GenesisHash = strings.Repeat("0", 64)

// AuditEntry is one link of the audit chain (DESIGN.md §1, §3). Field order
// is the canonical order the hash is computed over.
type AuditEntry struct {
	Seq      int64  `json:"seq"`
	At       string `json:"at"` // UTC, RFC 3339 with microseconds
	User     string `json:"user"`
	Action   Action `json:"action"`
	Entity   Entity `json:"entity"`
	EntityID ID     `json:"entityId"`
	Field    string `json:"field"`
	Old      string `json:"old"`
	New      string `json:"new"`
	PrevHash string `json:"prevHash"`
	Hash     string `json:"hash,omitempty"`
}

// AuditTimeLayout is how At is written.
const AuditTimeLayout = "2006-01-02T15:04:05.000000Z"

// ComputeHash returns hex(SHA-256(prevHash + "\n" + canonical JSON of the
// entry without its hash)).
func (e AuditEntry) ComputeHash() string {
	e.Hash = ""
	body, _ := CanonicalJSON(e) // cannot fail: strings and integers only
	sum := sha256.Sum256([]byte(e.PrevHash + "\n" + string(body)))
	return hex.EncodeToString(sum[:])
}

// AuditFilter selects audit entries; zero fields select everything.
type AuditFilter struct {
	User     string // substring, any case
	Entity   Entity
	EntityID ID
	From, To Date // inclusive, by the UTC date of At
	Limit    int  // newest first when set
}

// UserLabel is how a person is named in audit entries: "Name <email>".
func UserLabel(p *Person) string {
	name := p.Name.In(BG)
	if p.Email != "" {
		return name + " <" + p.Email + ">"
	}
	return name
}

// StampDate is the civil date of an RFC 3339 time as the audit log, the
// revisions and the reporting cycle stamp them ("2026-03-02T09:00:00Z"),
// or 0 when at holds none.
func StampDate(at string) Date {
	if len(at) < 10 {
		return 0
	}
	d, err := ParseDate(at[:10])
	if err != nil {
		return 0
	}
	return d
}

// FormatStamp writes the date of an RFC 3339 stamp as people write it in
// lang; a stamp without a date is returned as it is.
func FormatStamp(at string, lang Lang) string {
	if d := StampDate(at); d != 0 {
		return d.Format(lang)
	}
	return at
}

// SplitUserLabel splits a UserLabel "Name <email>" into the name and the
// e-mail address ("" when the label has none).
func SplitUserLabel(label string) (name, email string) {
	if i := strings.LastIndex(label, " <"); i >= 0 && strings.HasSuffix(label, ">") {
		return label[:i], label[i+2 : len(label)-1]
	}
	return label, ""
}
