-- Grants and row-level security: what each role's logins may do, enforced
-- by the server whatever client they use (DESIGN.md §3). Re-applied by
-- every `server init`; {{office}}, {{coordinator}} and {{council}} are this
-- database's group roles. The owner (who ran `server init`) bypasses the
-- policies: it loads and copies strategies.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON FUNCTION st_me(), st_my_role(), st_coordinates(bigint), st_write_lock(),
  st_audit_append(text, text, text, text, bigint, text, text, text) FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO {{office}}, {{coordinator}}, {{council}};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO {{office}}, {{coordinator}}, {{council}};
GRANT EXECUTE ON FUNCTION st_me(), st_my_role(), st_coordinates(bigint) TO {{office}}, {{coordinator}}, {{council}};
GRANT EXECUTE ON FUNCTION st_write_lock() TO {{office}}, {{coordinator}};
-- Appending to the audit log, and what coordinators insert: security.sql.

-- The office changes everything but the audit log and the database's
-- identity (its table grants are in the loop below).
GRANT UPDATE (title_bg, title_en, short_title_bg, short_title_en, vision_bg, vision_en, period_start, period_end,
  adopted_on, council_decision_bg, council_decision_en, demo, version) ON meta TO {{office}};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {{office}};

-- Coordinators: milestone completion, note (in both languages: the English
-- one below), evidence and cancellation, KPI values, updates and manual
-- progress — of the measures they coordinate.
GRANT UPDATE (manual_progress, version) ON measures TO {{coordinator}};
GRANT UPDATE (completed, note, evidence, cancelled, version) ON milestones TO {{coordinator}};
GRANT DELETE ON kpi_values, updates TO {{coordinator}};
GRANT UPDATE (date, value, note, source, version) ON kpi_values TO {{coordinator}};
GRANT UPDATE (date, text_bg, text_en, version) ON updates TO {{coordinator}};
GRANT USAGE ON SEQUENCE kpi_values_id_seq, updates_id_seq TO {{coordinator}};


-- Council members read: SELECT above, nothing else.

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['meta', 'goals', 'areas', 'units', 'people', 'measures', 'measure_goals',
      'measure_partners', 'funding', 'milestones', 'kpis', 'kpi_values', 'updates', 'snapshots', 'audit', 'st_schema',
      'adoption', 'revisions', 'periods'] LOOP
    CONTINUE WHEN to_regclass(t) IS NULL; -- a table of a later schema step
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS st_read ON %I', t);
    EXECUTE format('CREATE POLICY st_read ON %I FOR SELECT USING (true)', t);
    IF t NOT IN ('audit', 'st_schema', 'meta') THEN
      EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO {{office}}', t);
    END IF;
    IF t NOT IN ('audit', 'st_schema') THEN
      EXECUTE format('DROP POLICY IF EXISTS st_office ON %I', t);
      EXECUTE format($f$CREATE POLICY st_office ON %I FOR ALL TO {{office}}
        USING (st_my_role() = 'office') WITH CHECK (st_my_role() = 'office')$f$, t);
    END IF;
  END LOOP;
END
$$;

DROP POLICY IF EXISTS st_coordinator ON measures;
CREATE POLICY st_coordinator ON measures FOR UPDATE TO {{coordinator}}
  USING (st_coordinates(id)) WITH CHECK (st_coordinates(id));

DROP POLICY IF EXISTS st_coordinator ON milestones;
CREATE POLICY st_coordinator ON milestones FOR UPDATE TO {{coordinator}}
  USING (st_coordinates(measure_id)) WITH CHECK (st_coordinates(measure_id));

DROP POLICY IF EXISTS st_coordinator ON kpi_values;
CREATE POLICY st_coordinator ON kpi_values FOR ALL TO {{coordinator}}
  USING (st_coordinates((SELECT k.measure_id FROM kpis k WHERE k.id = kpi_id)))
  WITH CHECK (st_coordinates((SELECT k.measure_id FROM kpis k WHERE k.id = kpi_id)));

DROP POLICY IF EXISTS st_coordinator_update ON updates;
CREATE POLICY st_coordinator_update ON updates FOR UPDATE TO {{coordinator}}
  USING (st_coordinates(measure_id)) WITH CHECK (st_coordinates(measure_id));
DROP POLICY IF EXISTS st_coordinator_delete ON updates;
CREATE POLICY st_coordinator_delete ON updates FOR DELETE TO {{coordinator}}
  USING (st_coordinates(measure_id));

-- The columns of schema 6: the English note, written by whoever writes
-- the Bulgarian one, and the report's submitter, by the office.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'milestones' AND column_name = 'note_en') THEN
    GRANT UPDATE (note_en) ON milestones TO {{coordinator}};
    GRANT UPDATE (submitter_id) ON meta TO {{office}};
  END IF;
END
$$;

-- A unit's return and proposed narrative in the open period. Both are
-- lists inside the period's row: a coordinator writes the lists of the
-- open period, and the trigger st_period_entries (schema 5) refuses a
-- change of entries that are not theirs.
DO $$
BEGIN
  IF to_regclass('periods') IS NOT NULL THEN
    GRANT UPDATE (returns, narrative, version) ON periods TO {{coordinator}};
    DROP POLICY IF EXISTS st_coordinator ON periods;
    CREATE POLICY st_coordinator ON periods FOR UPDATE TO {{coordinator}}
      USING (state = 'open' AND st_my_role() = 'coordinator') WITH CHECK (state = 'open' AND st_my_role() = 'coordinator');
  END IF;
END
$$;
