package postgres

import (
	"testing"
	"time"

	"strategytracker/model"
)

// Class 5, the rest: a login at work does not hold the writers' lock for
// long either (schema 7). A statement that has run longer than the
// store's ever do, with the login's own statement_timeout switched off,
// or a transaction kept busy with short statements past the longest
// hold, is ended by the next writer that waits. Before schema 7 only an
// idle holder was: the office's change below was told, after 20 s, that
// the strategy was held.
func TestAttackLongHoldAtWorkIsEnded(t *testing.T) {
	_, url, d := grantedDemo(t)
	coord, own, _ := ownAndForeign(t, d)
	office := personByRole(t, d, model.RoleOffice)
	os, err := Open(ctx, withLogin(url, LoginName(office)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer os.Close()
	for _, tt := range []struct {
		name, limits string
		work         []string // what the holder runs, in turn, until it is ended
	}{
		// server init writes the store's limits (longestStatement and its
		// margin, longestHold); shortened here so that the test takes seconds.
		{"one long statement", "longest_statement = '2 seconds', longest_hold = '1 hour'", []string{"SELECT pg_sleep(600)"}},
		{"short statements without a pause", "longest_statement = '1 hour', longest_hold = '3 seconds'", []string{"SELECT pg_sleep(0.3)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := sqlExec(t, url, "UPDATE st_settings SET "+tt.limits); err != nil {
				t.Fatal(err)
			}
			holder := session(t, withLogin(url, LoginName(coord)))
			if _, err := holder.Exec(ctx, "SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0; BEGIN; SELECT st_write_lock()"); err != nil {
				t.Fatal(err)
			}
			ended := make(chan error, 1)
			go func() {
				for {
					for _, q := range tt.work {
						if _, err := holder.Exec(ctx, q); err != nil {
							ended <- err
							return
						}
					}
				}
			}()
			cur, _ := os.Doc(ctx)
			ms := cur.MeasureByCode(own.Code).Milestones[0]
			ms.Note = "след " + tt.name
			if err := os.Update(ctx, office.ID, model.ActionUpdate, "", func(tx model.Tx) error { return tx.SaveMilestone(&ms) }); err != nil {
				t.Errorf("the office's change while a coordinator's session at work holds the lock: %v", err)
			}
			// The holder's connection is its goroutine's until the server
			// ends the session: closing it before would race with its Exec.
			select {
			case <-ended:
			case <-time.After(30 * time.Second):
				t.Fatal("the coordinator's session holding the lock was not ended")
			}
			holder.Close(ctx)
		})
	}
}
