-- Strategy Tracker schema 1. Applied migrations are never edited: add a new file.
-- Texts people read have a Bulgarian and an English column. Dates are
-- YYYY-MM-DD text, money integer euro cents. Rows refer to goals, areas and
-- units by code (ON UPDATE CASCADE), to people by id.

CREATE TABLE meta (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  database_id         TEXT NOT NULL,
  title_bg            TEXT NOT NULL,
  title_en            TEXT NOT NULL,
  short_title_bg      TEXT NOT NULL,
  short_title_en      TEXT NOT NULL,
  vision_bg           TEXT NOT NULL,
  vision_en           TEXT NOT NULL,
  period_start        TEXT,
  period_end          TEXT,
  adopted_on          TEXT,
  council_decision_bg TEXT NOT NULL,
  council_decision_en TEXT NOT NULL,
  demo                INTEGER NOT NULL,
  version             INTEGER NOT NULL
) STRICT;

CREATE TABLE goals (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  title_bg       TEXT NOT NULL,
  title_en       TEXT NOT NULL,
  description_bg TEXT NOT NULL,
  description_en TEXT NOT NULL,
  version        INTEGER NOT NULL
) STRICT;

CREATE TABLE areas (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  title_bg       TEXT NOT NULL,
  title_en       TEXT NOT NULL,
  description_bg TEXT NOT NULL,
  description_en TEXT NOT NULL,
  ord            INTEGER NOT NULL,
  version        INTEGER NOT NULL
) STRICT;

CREATE TABLE units (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL UNIQUE,
  name_bg TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind    TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;

CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  name_bg     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  position_bg TEXT NOT NULL,
  position_en TEXT NOT NULL,
  unit        TEXT NOT NULL REFERENCES units(code) ON UPDATE CASCADE,
  email       TEXT NOT NULL,
  phone       TEXT NOT NULL,
  role        TEXT NOT NULL,
  version     INTEGER NOT NULL
) STRICT;

CREATE TABLE measures (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  area            TEXT NOT NULL REFERENCES areas(code) ON UPDATE CASCADE,
  title_bg        TEXT NOT NULL,
  title_en        TEXT NOT NULL,
  description_bg  TEXT NOT NULL,
  description_en  TEXT NOT NULL,
  lead_unit       TEXT NOT NULL REFERENCES units(code) ON UPDATE CASCADE,
  responsible_id  INTEGER REFERENCES people(id),
  start           TEXT NOT NULL,
  end             TEXT NOT NULL,
  weight          REAL NOT NULL,
  manual_progress REAL NOT NULL,
  planned_cents   INTEGER NOT NULL,
  spent_cents     INTEGER NOT NULL,
  cancelled       INTEGER NOT NULL,
  override_status TEXT,
  override_reason TEXT,
  version         INTEGER NOT NULL
) STRICT;

CREATE TABLE measure_goals (
  measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  goal       TEXT NOT NULL REFERENCES goals(code) ON UPDATE CASCADE,
  PRIMARY KEY (measure_id, goal)
) STRICT;

CREATE TABLE measure_partners (
  measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  unit       TEXT NOT NULL REFERENCES units(code) ON UPDATE CASCADE,
  PRIMARY KEY (measure_id, unit)
) STRICT;

CREATE TABLE funding (
  measure_id   INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  pos          INTEGER NOT NULL,
  name_bg      TEXT NOT NULL,
  name_en      TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  PRIMARY KEY (measure_id, pos)
) STRICT;

CREATE TABLE milestones (
  id             INTEGER PRIMARY KEY,
  measure_id     INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  title_bg       TEXT NOT NULL,
  title_en       TEXT NOT NULL,
  due            TEXT NOT NULL,
  completed      TEXT,
  cancelled      INTEGER NOT NULL,
  weight         REAL NOT NULL,
  responsible_id INTEGER REFERENCES people(id),
  note           TEXT NOT NULL,
  evidence       TEXT NOT NULL,
  version        INTEGER NOT NULL
) STRICT;
CREATE INDEX milestones_measure ON milestones(measure_id);

CREATE TABLE kpis (
  id             INTEGER PRIMARY KEY,
  measure_id     INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  name_bg        TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  unit_bg        TEXT NOT NULL,
  unit_en        TEXT NOT NULL,
  kind           TEXT NOT NULL,
  baseline_value REAL NOT NULL,
  baseline_date  TEXT NOT NULL,
  target_value   REAL NOT NULL,
  target_date    TEXT,
  version        INTEGER NOT NULL
) STRICT;
CREATE INDEX kpis_measure ON kpis(measure_id);

CREATE TABLE kpi_values (
  id      INTEGER PRIMARY KEY,
  kpi_id  INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
  date    TEXT NOT NULL,
  value   REAL NOT NULL,
  note    TEXT NOT NULL,
  source  TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX kpi_values_kpi ON kpi_values(kpi_id);

CREATE TABLE updates (
  id         INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  date       TEXT NOT NULL,
  author_id  INTEGER REFERENCES people(id),
  text_bg    TEXT NOT NULL,
  text_en    TEXT NOT NULL,
  version    INTEGER NOT NULL
) STRICT;
CREATE INDEX updates_measure ON updates(measure_id);

CREATE TABLE snapshots (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  as_of      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  figures    TEXT NOT NULL
) STRICT;

CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user      TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  field     TEXT NOT NULL,
  old       TEXT NOT NULL,
  new       TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
