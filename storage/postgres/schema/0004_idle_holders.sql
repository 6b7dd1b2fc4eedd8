-- Strategy Tracker on PostgreSQL, schema 4: a writer that waits ends only
-- sessions that are forgotten, never one at work. Schema 3 ended any
-- session (but the owner's) whose transaction had begun more than 15
-- seconds before and held a lock stronger than reading: a coordinator
-- calling st_write_lock could end the office's long import. Now a
-- session is ended only when it holds such a lock and has been idle in
-- its transaction for more than 15 seconds (a psql left open in BEGIN).
-- A session at work keeps the lock until its statement ends; the store's
-- statements end within their statement_timeout (tx.go), and a writer
-- waiting longer is told the strategy is held (st_write_lock).
CREATE OR REPLACE FUNCTION st_end_stale_holders() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  victim int;
  owner oid := (SELECT c.relowner FROM pg_class c WHERE c.oid = 'public.audit'::regclass);
BEGIN
  FOR victim IN
    SELECT DISTINCT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
      JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND l.granted
      AND n.nspname = 'public' AND l.mode <> 'AccessShareLock'
      AND a.state IN ('idle in transaction', 'idle in transaction (aborted)')
      AND a.state_change < clock_timestamp() - interval '15 seconds'
      AND NOT pg_has_role(a.usesysid, owner, 'MEMBER')
  LOOP
    BEGIN
      PERFORM pg_terminate_backend(victim);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'Strategy Tracker: session % holds the strategy and cannot be ended: grant pg_signal_backend to the owner', victim;
    END;
  END LOOP;
END
$$;
