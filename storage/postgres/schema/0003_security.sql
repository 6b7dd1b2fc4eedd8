-- Strategy Tracker on PostgreSQL, schema 3: the server holds under attack
-- (issue 20). Every function fixes its search path with pg_catalog first
-- and pg_temp last, so that no object a login can create runs inside
-- them; audit entries are built by the server; logins map to people
-- through the table `server grant` writes; writes of coordinators are
-- versioned and checked by the server. Applied migrations are never
-- edited: add a new file. The rules that follow the model (the bounds
-- of values, what a coordinator may change) are written by every
-- `server init` from the model's constants (security.go).

-- The logins of people, written by `server grant` (storage/postgres
-- LoginName is the one rule naming them). A login acts as its person
-- only while the person's e-mail is the one it was granted for.
CREATE TABLE st_logins (
  login     text PRIMARY KEY,
  person_id bigint NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
  email     text NOT NULL
);
-- The logins of schema 2 were the e-mails in lower case, which worked
-- while they fitted PostgreSQL's 63 bytes.
INSERT INTO st_logins (login, person_id, email)
SELECT DISTINCT ON (lower(btrim(email))) lower(btrim(email)), id, email FROM people
WHERE btrim(email) <> '' AND octet_length(lower(btrim(email))) <= 63
ORDER BY lower(btrim(email)), id;

-- What a coordinator may record in the audit log: entity, action and
-- field (written by `server init` from model.Authorize).
CREATE TABLE st_coordinator_may (
  entity text NOT NULL,
  action text NOT NULL,
  field  text NOT NULL,
  PRIMARY KEY (entity, action, field)
);

-- Rows deleted in a transaction, so that an audit entry of a deletion
-- names a row that was deleted (for a coordinator's, of a measure they
-- coordinate).
CREATE TABLE st_deleted (
  xact       bigint NOT NULL,
  entity     text NOT NULL,
  id         bigint NOT NULL,
  measure_id bigint
);

CREATE OR REPLACE FUNCTION st_me() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT p.id FROM st_logins l JOIN people p ON p.id = l.person_id AND p.email = l.email
  WHERE l.login = session_user::text
$$;

ALTER FUNCTION st_my_role() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION st_coordinates(bigint) SET search_path = pg_catalog, public, pg_temp;

-- Whether the session is the owner's (who ran `server init`, loads and
-- copies strategies) or a superuser's.
CREATE FUNCTION st_is_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = 'public.audit'::regclass
$$;

CREATE OR REPLACE FUNCTION st_json_string(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT replace(replace(to_json(s)::text, E'\u2028', '\u2028'), E'\u2029', '\u2029')
$$;

-- Every operand is text, so that only pg_catalog's text || text matches.
CREATE OR REPLACE FUNCTION st_audit_hash(seq bigint, at text, actor text, action text, entity text, entity_id bigint,
                                         field text, old text, new text, prev_hash text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT encode(sha256(convert_to(prev_hash || E'\n'::text ||
    '{"seq":'::text || seq::text || ',"at":'::text || st_json_string(at) || ',"user":'::text || st_json_string(actor) ||
    ',"action":'::text || st_json_string(action) || ',"entity":'::text || st_json_string(entity) ||
    ',"entityId":'::text || entity_id::text || ',"field":'::text || st_json_string(field) ||
    ',"old":'::text || st_json_string(old) || ',"new":'::text || st_json_string(new) ||
    ',"prevHash":'::text || st_json_string(prev_hash) || '}'::text, 'UTF8')), 'hex')
$$;

-- Only the owner's sessions survive a long hold of the writers' lock: a
-- writer that waits ends the session of a login whose transaction has
-- held a lock stronger than reading on the strategy's tables for more
-- than 15 seconds (a forgotten or hostile psql), then takes the lock.
CREATE FUNCTION st_end_stale_holders() RETURNS void
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
      AND a.xact_start < clock_timestamp() - interval '15 seconds'
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

CREATE OR REPLACE FUNCTION st_write_lock() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET lock_timeout = '2s' AS $$
BEGIN
  FOR attempt IN 1..10 LOOP
    BEGIN
      LOCK TABLE audit IN SHARE ROW EXCLUSIVE MODE;
      RETURN;
    EXCEPTION WHEN lock_not_available THEN
      PERFORM st_end_stale_holders();
    END;
  END LOOP;
  RAISE EXCEPTION 'the strategy has been held by another session for too long' USING ERRCODE = '55P03';
END
$$;

-- Appends one entry to the chain, computing its link, and returns its
-- seq; the notification names it (watch.go checks it before waking).
CREATE FUNCTION st_audit_write(p_at text, p_user text, p_action text, p_entity text, p_entity_id bigint,
                               p_field text, p_old text, p_new text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  IF p_at IS NULL OR p_at !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$' THEN
    RAISE EXCEPTION 'audit entry: time % is not UTC with microseconds', p_at USING ERRCODE = '22023';
  END IF;
  IF p_action IS NULL OR p_action NOT IN ('create', 'update', 'delete', 'import', 'snapshot', 'load') THEN
    RAISE EXCEPTION 'audit entry: unknown action %', p_action USING ERRCODE = '22023';
  END IF;
  LOCK TABLE audit IN SHARE ROW EXCLUSIVE MODE; -- writers took it with st_write_lock
  SELECT seq, hash INTO last_seq, last_hash FROM audit ORDER BY seq DESC LIMIT 1;
  IF last_seq IS NULL THEN
    last_seq := 0;
    last_hash := repeat('0', 64);
  END IF;
  INSERT INTO audit (seq, at, actor, action, entity, entity_id, field, old, new, prev_hash, hash)
  VALUES (last_seq + 1, p_at, p_user, p_action, p_entity, p_entity_id, coalesce(p_field, ''), coalesce(p_old, ''),
          coalesce(p_new, ''), last_hash,
          st_audit_hash(last_seq + 1, p_at, p_user, p_action, p_entity, p_entity_id, coalesce(p_field, ''),
                        coalesce(p_old, ''), coalesce(p_new, ''), last_hash));
  PERFORM pg_notify('strategytracker', (last_seq + 1)::text);
  RETURN last_seq + 1;
END
$$;

-- The owner's append (copy, and changes made with the owner's
-- connection): the entry as the client gives it.
CREATE OR REPLACE FUNCTION st_audit_append(p_at text, p_user text, p_action text, p_entity text, p_entity_id bigint,
                                           p_field text, p_old text, p_new text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT st_is_owner() THEN
    RAISE EXCEPTION 'audit entry: only the owner gives an entry''s time and author; % appends with st_audit_append(action, entity, id, field, old, new)',
      session_user USING ERRCODE = '42501';
  END IF;
  RETURN st_audit_write(p_at, p_user, p_action, p_entity, p_entity_id, p_field, p_old, p_new);
END
$$;

-- The measure a coordinator's entry is about, NULL when none: the row
-- as it stands, or as a deletion of this transaction left it.
CREATE FUNCTION st_entry_measure(p_action text, p_entity text, p_id bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  m bigint;
BEGIN
  IF p_action = 'delete' THEN
    DELETE FROM st_deleted d WHERE d.ctid = (SELECT x.ctid FROM st_deleted x
      WHERE x.xact = txid_current() AND x.entity = p_entity AND x.id = p_id LIMIT 1)
      RETURNING d.measure_id INTO m;
    RETURN m;
  END IF;
  CASE p_entity
    WHEN 'measure' THEN SELECT id INTO m FROM measures WHERE id = p_id;
    WHEN 'milestone' THEN SELECT measure_id INTO m FROM milestones WHERE id = p_id;
    WHEN 'kpi' THEN SELECT measure_id INTO m FROM kpis WHERE id = p_id;
    WHEN 'kpi_value' THEN SELECT k.measure_id INTO m FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id WHERE v.id = p_id;
    WHEN 'update' THEN SELECT measure_id INTO m FROM updates WHERE id = p_id;
    ELSE m := NULL;
  END CASE;
  RETURN m;
END
$$;

-- Whether the row an entry names exists (false for an unknown entity).
CREATE FUNCTION st_row_exists(p_entity text, p_id bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  t text := CASE p_entity WHEN 'strategy' THEN 'meta' WHEN 'goal' THEN 'goals' WHEN 'area' THEN 'areas'
    WHEN 'unit' THEN 'units' WHEN 'person' THEN 'people' WHEN 'measure' THEN 'measures'
    WHEN 'milestone' THEN 'milestones' WHEN 'kpi' THEN 'kpis' WHEN 'kpi_value' THEN 'kpi_values'
    WHEN 'update' THEN 'updates' WHEN 'snapshot' THEN 'snapshots' WHEN 'period' THEN 'periods'
    WHEN 'adoption' THEN 'adoption' WHEN 'revision' THEN 'revisions' END;
  found boolean;
BEGIN
  IF t IS NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1)', t) INTO found USING p_id;
  RETURN found;
END
$$;

CREATE FUNCTION st_note_deletion() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  INSERT INTO st_deleted (xact, entity, id, measure_id) VALUES (txid_current(), TG_ARGV[0], OLD.id,
    CASE TG_ARGV[0] WHEN 'kpi_value' THEN (SELECT k.measure_id FROM kpis k WHERE k.id = (to_jsonb(OLD) ->> 'kpi_id')::bigint)
                    ELSE (to_jsonb(OLD) ->> 'measure_id')::bigint END);
  RETURN OLD;
END
$$;
CREATE TRIGGER st_deleted AFTER DELETE ON goals FOR EACH ROW EXECUTE FUNCTION st_note_deletion('goal');
CREATE TRIGGER st_deleted AFTER DELETE ON areas FOR EACH ROW EXECUTE FUNCTION st_note_deletion('area');
CREATE TRIGGER st_deleted AFTER DELETE ON units FOR EACH ROW EXECUTE FUNCTION st_note_deletion('unit');
CREATE TRIGGER st_deleted AFTER DELETE ON people FOR EACH ROW EXECUTE FUNCTION st_note_deletion('person');
CREATE TRIGGER st_deleted AFTER DELETE ON measures FOR EACH ROW EXECUTE FUNCTION st_note_deletion('measure');
CREATE TRIGGER st_deleted AFTER DELETE ON milestones FOR EACH ROW EXECUTE FUNCTION st_note_deletion('milestone');
CREATE TRIGGER st_deleted AFTER DELETE ON kpis FOR EACH ROW EXECUTE FUNCTION st_note_deletion('kpi');
CREATE TRIGGER st_deleted AFTER DELETE ON kpi_values FOR EACH ROW EXECUTE FUNCTION st_note_deletion('kpi_value');
CREATE TRIGGER st_deleted AFTER DELETE ON updates FOR EACH ROW EXECUTE FUNCTION st_note_deletion('update');

-- A person's append: the server dates the entry (clock_timestamp), names
-- its author (the login's person, as model.UserLabel does) and checks
-- that the login's role may make the change it records.
CREATE FUNCTION st_audit_append(p_action text, p_entity text, p_entity_id bigint, p_field text, p_old text, p_new text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  me people%ROWTYPE;
  m bigint;
BEGIN
  IF p_action = 'delete' THEN -- forget the deletions of transactions that are over
    DELETE FROM st_deleted WHERE xact <> txid_current() AND txid_status(xact) IS DISTINCT FROM 'in progress';
  END IF;
  SELECT * INTO me FROM people WHERE id = st_me();
  IF me.id IS NULL THEN
    RAISE EXCEPTION 'audit entry: login % is no person''s of this strategy (an administrator runs server grant)', session_user
      USING ERRCODE = '42501';
  END IF;
  IF me.role = 'coordinator' THEN
    IF NOT EXISTS (SELECT 1 FROM st_coordinator_may c
                   WHERE c.entity = p_entity AND c.action = p_action AND c.field = coalesce(p_field, '')) THEN
      RAISE EXCEPTION 'audit entry: a coordinator may not % % %', p_action, p_entity, coalesce(p_field, '')
        USING ERRCODE = '42501';
    END IF;
    IF p_entity = 'period' THEN
      IF NOT EXISTS (SELECT 1 FROM periods WHERE id = p_entity_id AND state = 'open') THEN
        RAISE EXCEPTION 'audit entry: period % is not open', p_entity_id USING ERRCODE = '42501';
      END IF;
    ELSIF p_entity <> 'file' THEN
      m := st_entry_measure(p_action, p_entity, p_entity_id);
      IF m IS NULL OR NOT st_coordinates(m) THEN
        RAISE EXCEPTION 'audit entry: % % % is not of a measure % coordinates', p_action, p_entity, p_entity_id, session_user
          USING ERRCODE = '42501';
      END IF;
    END IF;
  ELSIF me.role <> 'office' OR p_action = 'load' THEN
    RAISE EXCEPTION 'audit entry: % (%) may not %', session_user, me.role, p_action USING ERRCODE = '42501';
  ELSIF p_action IN ('create', 'update', 'snapshot') AND NOT st_row_exists(p_entity, p_entity_id)
     OR p_action = 'delete' AND NOT st_row_exists(p_entity, p_entity_id) -- a deleted row's children are logged first
        AND NOT EXISTS (SELECT 1 FROM st_deleted WHERE xact = txid_current() AND entity = p_entity AND id = p_entity_id) THEN
    RAISE EXCEPTION 'audit entry: % % % does not match the data', p_action, p_entity, p_entity_id USING ERRCODE = '42501';
  END IF;
  RETURN st_audit_write(to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    CASE WHEN me.name_bg <> '' THEN me.name_bg ELSE me.name_en END || CASE WHEN me.email <> '' THEN ' <' || me.email || '>' ELSE '' END,
    p_action, p_entity, p_entity_id, p_field, p_old, p_new);
END
$$;

-- Versions are the server's rule for coordinators: an update adds one
-- (the server adds it when the client leaves the version alone), an
-- insert starts at one. The office keeps its own (it rewrites periods'
-- lists without a new version).
CREATE FUNCTION st_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF st_is_owner() OR st_my_role() IS NOT DISTINCT FROM 'office' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.version = OLD.version THEN
    NEW.version := OLD.version + 1;
  ELSIF TG_OP = 'INSERT' AND NEW.version IS DISTINCT FROM 1 OR TG_OP = 'UPDATE' AND NEW.version IS DISTINCT FROM OLD.version + 1 THEN
    RAISE EXCEPTION '%: a change of a row adds one to its version; a new row has version 1', TG_TABLE_NAME
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER st_version BEFORE INSERT OR UPDATE ON measures FOR EACH ROW EXECUTE FUNCTION st_version();
CREATE TRIGGER st_version BEFORE INSERT OR UPDATE ON milestones FOR EACH ROW EXECUTE FUNCTION st_version();
CREATE TRIGGER st_version BEFORE INSERT OR UPDATE ON kpi_values FOR EACH ROW EXECUTE FUNCTION st_version();
CREATE TRIGGER st_version BEFORE INSERT OR UPDATE ON updates FOR EACH ROW EXECUTE FUNCTION st_version();
CREATE TRIGGER st_version BEFORE INSERT OR UPDATE ON periods FOR EACH ROW EXECUTE FUNCTION st_version();

-- Whether s is a date as the model reads it (YYYY-MM-DD, a real day).
CREATE FUNCTION st_is_date(s text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF s IS NULL OR s !~ '^\d{4}-\d{2}-\d{2}$' THEN
    RETURN false;
  END IF;
  PERFORM make_date(substr(s, 1, 4)::int, substr(s, 6, 2)::int, substr(s, 9, 2)::int);
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
$$;

-- The rules of the model that depend on today or on another row, for
-- what coordinators write: a milestone is not completed in the future
-- (in the time zone `server init` ran in, the office's), a KPI's value
-- is not dated before its baseline.
CREATE TABLE st_settings (
  id        integer PRIMARY KEY CHECK (id = 1),
  time_zone text NOT NULL
);

CREATE FUNCTION st_row_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  today text := to_char(clock_timestamp() AT TIME ZONE coalesce((SELECT time_zone FROM st_settings), 'UTC'), 'YYYY-MM-DD');
  baseline text;
BEGIN
  IF st_is_owner() OR st_my_role() IS NOT DISTINCT FROM 'office' THEN
    RETURN NEW;
  END IF;
  IF TG_TABLE_NAME = 'milestones' AND (to_jsonb(NEW) ->> 'completed') > today THEN
    RAISE EXCEPTION 'milestone %: completed (%) is in the future (today is %)', NEW.id, to_jsonb(NEW) ->> 'completed', today
      USING ERRCODE = '23514';
  END IF;
  IF TG_TABLE_NAME = 'kpi_values' THEN
    SELECT baseline_date INTO baseline FROM kpis WHERE id = (to_jsonb(NEW) ->> 'kpi_id')::bigint;
    IF (to_jsonb(NEW) ->> 'date') < baseline THEN
      RAISE EXCEPTION 'KPI value %: date (%) is before the KPI''s baseline date (%)', NEW.id, to_jsonb(NEW) ->> 'date', baseline
        USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER st_row_rules BEFORE INSERT OR UPDATE ON milestones FOR EACH ROW EXECUTE FUNCTION st_row_rules();
CREATE TRIGGER st_row_rules BEFORE INSERT OR UPDATE ON kpi_values FOR EACH ROW EXECUTE FUNCTION st_row_rules();
