package postgres

import (
	"context"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

const lastSeq = "SELECT coalesce(max(seq), 0) FROM audit"

// Watch reports other clients' saved changes: the returned channel
// receives a value soon (well within a second) after another connection
// commits a change to the strategy, so that an open window can re-read it.
// Changes made through this Store are not reported. Several changes in
// quick succession may be reported once. The channel is closed when ctx
// ends. A lost connection is re-established, and a change is reported
// after it, since one may have been missed meanwhile. A notification
// that no new audit entry backs (any login may send one) is ignored.
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
			var seen int64 // the last audit entry this watch knows of
			if err == nil {
				err = conn.QueryRow(ctx, lastSeq).Scan(&seen)
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
				// Any login may NOTIFY: only a notification naming an
				// entry this watch does not know, which the log holds,
				// is a change (st_audit_write names the entry it wrote).
				seq, err := strconv.ParseInt(n.Payload, 10, 64)
				if err != nil || seq <= seen {
					continue
				}
				if _, own := s.pids.Load(n.PID); own {
					seen = seq
					continue
				}
				var last int64
				if err := conn.QueryRow(ctx, lastSeq).Scan(&last); err != nil {
					break
				}
				if last > seen {
					seen = last
					notify()
				}
			}
			conn.Close(context.Background())
		}
	}()
	return ch
}
