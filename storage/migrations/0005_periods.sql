-- Strategy Tracker schema 5: reporting periods (DESIGN.md §1.1).
-- A period's unit returns and narrative are kept with it as JSON: they
-- change only with the period's own audited steps, and the exchange format
-- carries them inside the period. Applied migrations are never edited.

CREATE TABLE periods (
  id        INTEGER PRIMARY KEY,
  name_bg   TEXT NOT NULL,
  name_en   TEXT NOT NULL,
  start     TEXT NOT NULL,
  end       TEXT NOT NULL,
  due       TEXT NOT NULL,
  state     TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  opened_at TEXT NOT NULL,
  opened_by INTEGER REFERENCES people(id),
  closed_at TEXT NOT NULL,
  closed_by INTEGER REFERENCES people(id),
  reopened  TEXT NOT NULL CHECK (json_valid(reopened)),
  returns   TEXT NOT NULL CHECK (json_valid(returns)),
  narrative TEXT NOT NULL CHECK (json_valid(narrative)),
  version   INTEGER NOT NULL
) STRICT;

-- One period is open at a time.
CREATE UNIQUE INDEX periods_one_open ON periods(state) WHERE state = 'open';
