-- Strategy Tracker: the adopted plan and its revisions (DESIGN.md §1.1).
-- Applied migrations are never edited: add a new file.

-- The baseline: at most one row, written when the office marks the plan adopted.
CREATE TABLE adoption (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  adopted_on          TEXT NOT NULL,
  council_decision_bg TEXT NOT NULL,
  council_decision_en TEXT NOT NULL,
  adopted_by          TEXT NOT NULL,
  at                  TEXT NOT NULL
) STRICT;

-- One row per change of an adopted value. entity_id names a measure,
-- milestone or KPI; no foreign key: a revision outlives a deleted row, as
-- the audit log does.
CREATE TABLE revisions (
  id         INTEGER PRIMARY KEY,
  entity     TEXT NOT NULL,
  entity_id  INTEGER NOT NULL,
  measure_id INTEGER NOT NULL,
  field      TEXT NOT NULL,
  original   TEXT NOT NULL,
  previous   TEXT NOT NULL,
  current    TEXT NOT NULL,
  at         TEXT NOT NULL,
  revised_by TEXT NOT NULL,
  reason_bg  TEXT NOT NULL,
  reason_en  TEXT NOT NULL
) STRICT;
CREATE INDEX revisions_measure ON revisions(measure_id);
