-- Grants of schema 3 on (0003_security.sql), re-applied by every
-- `server init` after policies.sql; security.go adds what the model
-- decides. {{office}}, {{coordinator}} and {{council}} are this
-- database's group roles.

-- No function runs for anyone it is not granted to (a new function may
-- be run by PUBLIC otherwise).
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT EXECUTE ON FUNCTION st_me(), st_my_role(), st_coordinates(bigint), st_is_date(text)
  TO {{office}}, {{coordinator}}, {{council}};
-- People append entries the server builds; only the owner gives an
-- entry's time and author (copy).
REVOKE EXECUTE ON FUNCTION st_audit_append(text, text, text, text, bigint, text, text, text)
  FROM {{office}}, {{coordinator}}, {{council}};
GRANT EXECUTE ON FUNCTION st_write_lock(), st_audit_append(text, text, bigint, text, text, text)
  TO {{office}}, {{coordinator}};

-- Coordinators add KPI values and updates, never choosing their ids;
-- the server numbers their versions (st_version) and refuses an update
-- marked internal: what is published is the office's decision.
REVOKE INSERT ON kpi_values, updates FROM {{coordinator}};
GRANT INSERT (kpi_id, date, value, note, source, version) ON kpi_values TO {{coordinator}};
GRANT INSERT (measure_id, date, author_id, text_bg, text_en, internal, version) ON updates TO {{coordinator}};
DROP POLICY IF EXISTS st_coordinator_insert ON updates;
CREATE POLICY st_coordinator_insert ON updates FOR INSERT TO {{coordinator}}
  WITH CHECK (st_coordinates(measure_id) AND author_id = st_me() AND NOT internal);

-- The owner ends sessions that hold the strategy too long (st_write_lock):
-- it needs pg_signal_backend and pg_read_all_stats unless it is a superuser.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    BEGIN
      EXECUTE format('GRANT pg_signal_backend, pg_read_all_stats TO %I', current_user);
    EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
      RAISE WARNING 'Strategy Tracker: % cannot have pg_signal_backend and pg_read_all_stats: a session holding the strategy is not ended before idle_in_transaction_session_timeout', current_user;
    END;
  END IF;
END $$;

-- "Today" of the server's rules is in the time zone this init runs in.
INSERT INTO st_settings (id, time_zone) VALUES (1, current_setting('TimeZone'))
  ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone;
