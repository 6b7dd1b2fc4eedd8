package app

import (
	"context"
	"time"

	"strategytracker/model"
)

// Live updates (issue 15): a store that can tell when another client saved
// (storage/postgres's LISTEN/NOTIFY) makes the window read the document
// again. Nothing polls: the watching goroutine sleeps on the store's
// channel until a change arrives, so an idle app does no work.

// watchDebounce gathers a burst of changes (an import, a copy) into one reload.
const watchDebounce = 150 * time.Millisecond

// liveUpdates is the watch on the open store.
type liveUpdates struct {
	store model.Store // the store watched; nil: none
	stop  context.CancelFunc
}

// followStore watches the open store, when it can be watched, and stops
// watching the one before. Calling it again for the same store does nothing.
func (u *UI) followStore() {
	if u.live.store == u.store {
		return
	}
	u.stopWatch()
	u.live.store = u.store
	ctx, cancel := context.WithCancel(context.Background())
	u.live.stop = cancel
	store := u.store
	changes := u.store.Watch(ctx) // a file's closes at once
	go func() {
		for range changes {
			wait := time.NewTimer(watchDebounce)
			select {
			case <-ctx.Done():
				wait.Stop()
				return
			case <-wait.C:
			}
			for drained := false; !drained; { // changes that came meanwhile
				select {
				case _, open := <-changes:
					if !open {
						return
					}
				default:
					drained = true
				}
			}
			u.do(func() {
				if ctx.Err() == nil && u.store == store {
					u.reload(nil) // an open form keeps its typed values (fieldsTab.refresh)
				}
			}, false)
		}
	}()
}

// stopWatch stops watching the store (another file opened, window closed).
func (u *UI) stopWatch() {
	if u.live.stop != nil {
		u.live.stop()
	}
	u.live = liveUpdates{}
}
