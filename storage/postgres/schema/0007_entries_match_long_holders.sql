-- Strategy Tracker on PostgreSQL, schema 7: a coordinator's audit
-- entries match their rows, and no session at work holds the strategy
-- for long (at the end). Schema 3 checked that a coordinator's entry
-- is about a change their role may make, but not that it says what the
-- row holds: with psql, a coordinator could append an entry about their
-- own milestone that the milestone does not match, change a row and
-- append no entry, or change it again after its entry. `check` named the
-- difference, but `copy` and `backup` then refused the strategy for
-- everyone. Now the server, when a coordinator's transaction commits,
-- replays the transaction's entries about every row it wrote or named
-- over the row as it was before, and refuses the commit unless the
-- result is the row as it stands (st_entries_match). The places of the
-- fields in the rows (st_audited, st_row_fields) and the triggers that
-- note the rows written (st_touch) follow the model: every `server init`
-- writes them (entries.go).

CREATE TABLE st_audited (
  entity text PRIMARY KEY,
  tbl    text NOT NULL,
  parent text,            -- the column of the parent's id a create entry's "parent" names
  cols   text[] NOT NULL, -- the columns that keep the fields
  zeros  jsonb NOT NULL   -- field → its zero value (a create entry may leave it out)
);

-- The rows a coordinator's transaction wrote or named in an entry, as
-- they were before (NULL: there was none).
CREATE TABLE st_touched (
  xact   bigint NOT NULL,
  entity text NOT NULL,
  id     bigint NOT NULL,
  before jsonb,
  PRIMARY KEY (xact, entity, id)
);

-- The entries a coordinator's transaction appended, by the row they name.
CREATE TABLE st_tx_entries (
  xact   bigint NOT NULL,
  seq    bigint NOT NULL,
  entity text NOT NULL,
  id     bigint NOT NULL
);
CREATE INDEX st_tx_entries_row ON st_tx_entries (xact, entity, id);

-- Whether the session is a coordinator's login (not the owner's).
CREATE FUNCTION st_is_coordinator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT st_my_role() IS NOT DISTINCT FROM 'coordinator' AND NOT st_is_owner()
$$;

-- A coordinator wrote a row (trigger st_touch, written by server init).
CREATE FUNCTION st_note_touch() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT st_is_coordinator() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO st_touched (xact, entity, id, before) VALUES (txid_current(), TG_ARGV[0], NEW.id, NULL)
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO st_touched (xact, entity, id, before) VALUES (txid_current(), TG_ARGV[0], OLD.id, to_jsonb(OLD))
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- A coordinator appended an entry about a row.
CREATE FUNCTION st_note_entry() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  t st_audited%ROWTYPE;
  cur jsonb;
BEGIN
  IF NOT st_is_coordinator() THEN
    RETURN NULL;
  END IF;
  SELECT * INTO t FROM st_audited WHERE entity = NEW.entity;
  IF t.entity IS NULL THEN -- the import of a workbook: no row
    RETURN NULL;
  END IF;
  DELETE FROM st_tx_entries WHERE xact <> txid_current() AND txid_status(xact) IS DISTINCT FROM 'in progress';
  INSERT INTO st_tx_entries (xact, seq, entity, id) VALUES (txid_current(), NEW.seq, NEW.entity, NEW.entity_id);
  EXECUTE format('SELECT to_jsonb(x) FROM %I x WHERE id = $1', t.tbl) INTO cur USING NEW.entity_id;
  INSERT INTO st_touched (xact, entity, id, before) VALUES (txid_current(), NEW.entity, NEW.entity_id, cur)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
-- Its trigger on audit, st_note_entry, is written by server init too.

-- At commit (or at SET CONSTRAINTS … IMMEDIATE: then what follows is
-- checked from there), for a row a coordinator wrote or named: the
-- transaction's entries about it, replayed over the row as it was, give
-- the row as it is. Fields are compared as the model's JSON of them
-- (st_row_fields), as `check` replays the log; extra_float_digits is
-- fixed so that a number reads the same whatever the session set.
CREATE FUNCTION st_entries_match() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET extra_float_digits = 1 AS $$
DECLARE
  t st_audited%ROWTYPE;
  e record;
  row_now jsonb;
  present boolean := NEW.before IS NOT NULL;
  created jsonb; -- the create entry, when the transaction created the row
  want jsonb := '{}';
  got jsonb;
  k text;
BEGIN
  DELETE FROM st_touched WHERE xact = NEW.xact AND entity = NEW.entity AND id = NEW.id;
  SELECT * INTO t FROM st_audited WHERE entity = NEW.entity;
  EXECUTE format('SELECT to_jsonb(x) FROM %I x WHERE id = $1', t.tbl) INTO row_now USING NEW.id;
  FOR e IN SELECT a.seq, a.action, a.field, a.new FROM st_tx_entries x JOIN audit a ON a.seq = x.seq
           WHERE x.xact = NEW.xact AND x.entity = NEW.entity AND x.id = NEW.id ORDER BY a.seq LOOP
    IF e.action = 'create' AND NOT present THEN
      present := true;
      created := e.new::jsonb;
      IF jsonb_typeof(created) <> 'object' THEN
        RAISE EXCEPTION 'audit entry %: create % % holds no row', e.seq, NEW.entity, NEW.id USING ERRCODE = '42501';
      END IF;
      want := t.zeros || (created - 'parent');
    ELSIF e.action = 'update' AND present AND t.zeros ? e.field THEN
      want := want || jsonb_build_object(e.field, e.new::jsonb);
    ELSIF e.action = 'delete' AND present THEN
      present := false;
      created := NULL;
      want := '{}';
    ELSE
      RAISE EXCEPTION 'audit entry %: % % % % does not follow the data', e.seq, e.action, NEW.entity, NEW.id, e.field
        USING ERRCODE = '42501';
    END IF;
  END LOOP;
  DELETE FROM st_tx_entries WHERE xact = NEW.xact AND entity = NEW.entity AND id = NEW.id;
  IF present AND row_now IS NULL THEN
    RAISE EXCEPTION '% %: deleted without an audit entry', NEW.entity, NEW.id USING ERRCODE = '42501';
  ELSIF NOT present AND row_now IS NOT NULL THEN
    RAISE EXCEPTION '% %: created without an audit entry', NEW.entity, NEW.id USING ERRCODE = '42501';
  ELSIF row_now IS NULL THEN
    RETURN NULL;
  END IF;
  IF created IS NOT NULL THEN
    FOR k IN SELECT x FROM jsonb_object_keys(created) x WHERE x <> 'parent' AND NOT t.zeros ? x LOOP
      RAISE EXCEPTION '% %: the audit log''s entry names a field % that it has not', NEW.entity, NEW.id, k USING ERRCODE = '42501';
    END LOOP;
    IF t.parent IS NOT NULL AND (created -> 'parent')::text IS DISTINCT FROM (row_now -> t.parent)::text THEN
      RAISE EXCEPTION '% %: its parent is % in the data, but the audit log says %', NEW.entity, NEW.id,
        row_now -> t.parent, coalesce((created -> 'parent')::text, 'nothing') USING ERRCODE = '42501';
    END IF;
  ELSE
    want := st_row_fields(NEW.entity, NEW.before) || want;
    FOR k IN SELECT c.key FROM jsonb_each(row_now) c
             WHERE c.key <> 'version' AND NOT c.key = ANY (t.cols) AND c.value IS DISTINCT FROM NEW.before -> c.key LOOP
      RAISE EXCEPTION '% %: column % changed, which no audit entry can record', NEW.entity, NEW.id, k USING ERRCODE = '42501';
    END LOOP;
  END IF;
  got := st_row_fields(NEW.entity, row_now);
  FOR k IN SELECT jsonb_object_keys(got) LOOP
    IF (got -> k)::text IS DISTINCT FROM (want -> k)::text THEN
      RAISE EXCEPTION '% %: % is % in the data, but the audit log says %', NEW.entity, NEW.id, k,
        left((got -> k)::text, 200), left(coalesce((want -> k)::text, 'nothing'), 200)
        USING ERRCODE = '42501';
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER st_entries_match AFTER INSERT ON st_touched DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION st_entries_match();

-- A session at work is ended too when it holds the strategy too long.
-- Schema 4 ended only sessions idle in their transaction: a login that
-- switched its own statement_timeout off and ran one long statement (or
-- kept running short ones) held every writer until an administrator
-- ended it. Now a writer that waits also ends a login's session (never
-- the owner's) that holds a lock stronger than reading on the
-- strategy's tables and whose statement has run longer than the store's
-- statements ever run (longest_statement: their statement_timeout and a
-- margin), or whose transaction is older than longest_hold. Server init
-- writes both from the store's own limits (tx.go); the owner needs
-- pg_signal_backend and pg_read_all_stats (security.sql) unless it is a
-- superuser, and a superuser's session is never ended.
ALTER TABLE st_settings ADD COLUMN longest_statement interval NOT NULL DEFAULT '75 seconds',
  ADD COLUMN longest_hold interval NOT NULL DEFAULT '10 minutes';

-- Ends a session, or warns that the owner may not.
CREATE FUNCTION st_end_session(victim int) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM pg_terminate_backend(victim);
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'Strategy Tracker: session % holds the strategy and cannot be ended: grant pg_signal_backend to the owner', victim;
END
$$;

CREATE OR REPLACE FUNCTION st_end_stale_holders() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  owner oid := (SELECT c.relowner FROM pg_class c WHERE c.oid = 'public.audit'::regclass);
  lim st_settings%ROWTYPE;
BEGIN
  SELECT * INTO lim FROM st_settings;
  PERFORM st_end_session(h.pid) FROM (
    SELECT DISTINCT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
      JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND l.granted
      AND n.nspname = 'public' AND l.mode <> 'AccessShareLock'
      AND NOT pg_has_role(a.usesysid, owner, 'MEMBER')
      AND (a.state IN ('idle in transaction', 'idle in transaction (aborted)')
             AND a.state_change < clock_timestamp() - interval '15 seconds'
           OR a.state NOT IN ('idle', 'idle in transaction', 'idle in transaction (aborted)')
             AND a.query_start < clock_timestamp() - coalesce(lim.longest_statement, '75 seconds')
           OR a.xact_start < clock_timestamp() - coalesce(lim.longest_hold, '10 minutes'))) h;
END
$$;
