package storage

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"strategytracker/model"
)

// scenario runs a story's steps on a demo store, one transaction each.
type scenario struct {
	t *testing.T
	s *Store
}

func newScenario(t *testing.T) *scenario {
	s, _ := newDemo(t)
	return &scenario{t: t, s: s}
}

func (c *scenario) doc() *model.Doc {
	c.t.Helper()
	d, err := c.s.Doc(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	return d
}

func (c *scenario) person(role model.Role) *model.Person { return personByRole(c.t, c.doc(), role) }

// do runs step as actor and wants it to succeed.
func (c *scenario) do(actor model.ID, step func(model.Tx) error) {
	c.t.Helper()
	if err := c.s.Update(ctx, actor, model.ActionUpdate, "", step); err != nil {
		c.t.Fatal(err)
	}
}

// refusal is a step a store must refuse: with code, and a message
// holding message, when they are given.
type refusal struct {
	name    string
	actor   model.ID
	step    func(model.Tx) error
	code    string
	message string
}

// refuses wants every step refused, leaving the strategy and the audit
// log as they were.
func (c *scenario) refuses(refusals ...refusal) {
	c.t.Helper()
	for _, r := range refusals {
		before, entries := export(c.t, c.s), auditCount(c.t, c.s)
		err := c.s.Update(ctx, r.actor, model.ActionUpdate, "", r.step)
		if err == nil || r.code != "" && model.ErrorCode(err) != r.code || !strings.Contains(model.ErrorMessage(err), r.message) {
			c.t.Errorf("%s: got %v, want refused (%s %q)", r.name, err, r.code, r.message)
		}
		if !bytes.Equal(export(c.t, c.s), before) {
			c.t.Errorf("%s: the refused step changed the strategy", r.name)
		}
		if got := auditCount(c.t, c.s); got != entries {
			c.t.Errorf("%s: the refused step wrote %d audit entries", r.name, got-entries)
		}
	}
}

// exportLoadExport checks the store's log (check replays it), exports it,
// loads the export into a new file and exports that: the two exports must
// be byte-identical, and the copy's log must check too. It returns the
// export.
func exportLoadExport(t *testing.T, s *Store) []byte {
	t.Helper()
	if _, err := s.Check(ctx); err != nil {
		t.Fatalf("check: %v", err)
	}
	first := export(t, s)
	loaded, err := model.DecodeBytes(first)
	if err != nil {
		t.Fatal(err)
	}
	copied, err := Create(ctx, filepath.Join(t.TempDir(), "copy.db"), loaded, Options{Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	if second := export(t, copied); !bytes.Equal(first, second) {
		t.Fatal("export → load → export differs")
	}
	if _, err := copied.Check(ctx); err != nil {
		t.Fatalf("check of the loaded copy: %v", err)
	}
	return first
}
