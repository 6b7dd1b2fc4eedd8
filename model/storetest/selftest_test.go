package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"strategytracker/model"
	"strategytracker/model/memstore"
	"strategytracker/model/storetest"
)

// The suite's self-test: stores that each skip one rule must fail it, in
// the cases that name the rule. Each broken store runs the suite in a
// child process (a failing suite would fail this test otherwise).

// broken wraps memstore, breaking one rule.
type broken struct {
	*memstore.Store
	rule string
}

func (s *broken) Update(ctx context.Context, actor model.ID, action model.Action, source string, fn func(model.Tx) error) error {
	d, _ := s.Store.Doc(ctx)
	switch s.rule {
	case "roles": // authorises nobody: every change is made as the office would
		for _, p := range d.People {
			if p.Role == model.RoleOffice && d.Person(actor) != nil {
				return s.Store.Update(ctx, p.ID, action, source, fn)
			}
		}
	case "versions": // saves over whatever is stored
		return s.Store.Update(ctx, actor, action, source, func(tx model.Tx) error { return fn(&latestTx{WriteTx: tx.(*model.WriteTx)}) })
	case "reasons": // changes the adopted plan without a reason
		return s.Store.Update(ctx, actor, action, source, func(tx model.Tx) error {
			tx.(*model.WriteTx).SetRevisionReason(model.T("—", "—"))
			return fn(tx)
		})
	}
	return s.Store.Update(ctx, actor, action, source, fn)
}

// latestTx saves milestones at the stored version, whatever version they were read at.
type latestTx struct{ *model.WriteTx }

func (t *latestTx) SaveMilestone(ms *model.Milestone) error {
	if stored, _ := t.Doc().MilestoneByID(ms.ID); stored != nil {
		ms.Version = stored.Version
	}
	return t.WriteTx.SaveMilestone(ms)
}

func TestSuiteFailsOnABrokenStore(t *testing.T) {
	if rule := os.Getenv("STORETEST_BROKEN"); rule != "" {
		storetest.Run(t, func(t *testing.T, d *model.Doc) model.Store {
			return &broken{Store: memstore.New(d, memstore.Options{}), rule: rule}
		})
		return
	}
	tests := []struct {
		rule string
		want []string // cases that must fail
	}{
		{"roles", []string{"RoleRules", "VisibilityByRole", "EveryPermission", "PeriodsAndReturns"}},
		{"versions", []string{"AStaleVersionIsRefused"}},
		{"reasons", []string{"AdoptionAndRevisions"}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSuiteFailsOnABrokenStore$", "-test.v")
			cmd.Env = append(os.Environ(), "STORETEST_BROKEN="+tt.rule)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed on a store that breaks %s", tt.rule)
			}
			for _, name := range tt.want {
				if !strings.Contains(string(out), "--- FAIL: TestSuiteFailsOnABrokenStore/"+name) {
					t.Errorf("case %s did not fail on a store that breaks %s", name, tt.rule)
				}
			}
		})
	}
}
