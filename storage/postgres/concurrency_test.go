package postgres

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"strategytracker/model"
)

// Twenty clients make 100 edits each to the milestones of three measures:
// every edit is either applied or refused as a conflict, no applied edit is
// lost (each milestone's version counts the edits applied to it), the
// audit chain holds one entry per applied edit, and check passes.
//
// make test runs it without the race detector (SLOW_TESTS in the Makefile).
func TestConcurrentClientsLoseNoUpdate(t *testing.T) {
	const clients, edits = 20, 100
	s, url := newDemo(t)
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	var targets []model.ID
	for _, m := range d.Measures[:3] {
		for _, ms := range m.Milestones {
			targets = append(targets, ms.ID)
		}
	}
	startVersion := map[model.ID]int64{}
	for _, id := range targets {
		ms, _ := d.MilestoneByID(id)
		startVersion[id] = ms.Version
	}
	entriesBefore := auditCount(t, s)

	var mu sync.Mutex
	applied := map[model.ID]int64{}
	lastNote := map[model.ID]string{}
	conflicts := 0
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			cs, err := Open(ctx, url, Options{})
			if err != nil {
				errs <- err
				return
			}
			defer cs.Close()
			for i := 0; i < edits; i++ {
				id := targets[(c*7+i)%len(targets)]
				doc, err := cs.Doc(ctx)
				if err != nil {
					errs <- err
					return
				}
				ms, _ := doc.MilestoneByID(id)
				edit := *ms
				edit.Note = fmt.Sprintf("client %d edit %d", c, i)
				err = cs.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&edit) })
				mu.Lock()
				switch model.ErrorCode(err) {
				case "":
					applied[id]++
					lastNote[id] = edit.Note // writes are serialised: the last applied is the one kept
				case model.ECONFLICT:
					conflicts++
				default:
					mu.Unlock()
					errs <- fmt.Errorf("client %d edit %d: %v", c, i, err)
					return
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var total int64
	d, _ = s.Doc(ctx)
	for _, id := range targets {
		ms, _ := d.MilestoneByID(id)
		if ms.Version != startVersion[id]+applied[id] {
			t.Errorf("milestone %d: version %d, want %d + %d applied edits", id, ms.Version, startVersion[id], applied[id])
		}
		if applied[id] > 0 && ms.Note != lastNote[id] {
			t.Errorf("milestone %d: note %q, want the last applied %q", id, ms.Note, lastNote[id])
		}
		total += applied[id]
	}
	if int(total)+conflicts != clients*edits {
		t.Errorf("%d applied + %d conflicts, want %d edits", total, conflicts, clients*edits)
	}
	if got := auditCount(t, s) - entriesBefore; got != int(total) {
		t.Errorf("audit entries added = %d, want one per applied edit (%d)", got, total)
	}
	if _, err := s.Check(ctx); err != nil {
		t.Errorf("check after the concurrent edits: %v", err)
	}
	t.Logf("%d edits applied, %d refused as conflicts", total, conflicts)
}

// Another client's saved change reaches Watch within about a second; the
// store's own changes do not.
func TestWatchSeesOtherClientsChanges(t *testing.T) {
	s, url := newDemo(t)
	other, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := s.Watch(wctx)
	time.Sleep(300 * time.Millisecond) // let it LISTEN
	d, _ := s.Doc(ctx)
	office := personByRole(t, d, model.RoleOffice)
	edit := func(st *Store, note string) {
		t.Helper()
		doc, _ := st.Doc(ctx)
		ms := doc.Measures[0].Milestones[0]
		ms.Note = note
		if err := st.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&ms) }); err != nil {
			t.Fatal(err)
		}
	}
	edit(s, "mine")
	select {
	case <-changes:
		t.Error("Watch reported the store's own change")
	case <-time.After(700 * time.Millisecond):
	}
	start := time.Now()
	edit(other, "theirs")
	select {
	case <-changes:
		t.Logf("another client's change seen after %v", time.Since(start).Round(time.Millisecond))
	case <-time.After(2 * time.Second):
		t.Fatal("Watch did not report another client's change within 2 s")
	}
	cancel()
	for range changes { // closed when the context ends
	}
}
