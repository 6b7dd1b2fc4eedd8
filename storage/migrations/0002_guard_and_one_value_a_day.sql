-- Strategy Tracker schema 2.
--
-- wal_guard: one row rewritten by every write transaction, so that a -wal
-- file can be matched with the database file it belongs to before SQLite
-- applies it (storage/walguard.go). Its blob is written by the program.
CREATE TABLE wal_guard (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  data BLOB NOT NULL
) STRICT;

-- One value a day per KPI (DESIGN.md §1). An older file holding two values
-- of one KPI on one date is refused before this step with the pairs named
-- (storage.Store.upgrade), so this index never fails half-way.
CREATE UNIQUE INDEX kpi_values_one_a_day ON kpi_values(kpi_id, date);
