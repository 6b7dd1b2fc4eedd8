package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Watch reports other clients' saved changes: the returned channel
// receives a value soon (well within a second) after another connection
// commits a change to the strategy, so that an open window can re-read it.
// Changes made through this Store are not reported. Several changes in
// quick succession may be reported once. The channel is closed when ctx
// ends. A lost connection is re-established, and a change is reported
// after it, since one may have been missed meanwhile.
func (s *Store) Watch(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	notify := func() {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	go func() {
		defer close(ch)
		connected := false
		for ctx.Err() == nil {
			conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
			if err == nil {
				_, err = conn.Exec(ctx, "LISTEN strategytracker")
			}
			if err != nil {
				if conn != nil {
					conn.Close(context.Background())
				}
				select {
				case <-ctx.Done():
				case <-time.After(2 * time.Second):
				}
				continue
			}
			if connected {
				notify()
			}
			connected = true
			for {
				n, err := conn.WaitForNotification(ctx)
				if err != nil {
					break
				}
				if _, own := s.pids.Load(n.PID); !own {
					notify()
				}
			}
			conn.Close(context.Background())
		}
	}()
	return ch
}
