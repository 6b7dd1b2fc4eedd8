-- Strategy Tracker schema 6 (DESIGN.md §1.2): a milestone's note and a
-- status override's reason have an English text beside the Bulgarian one
-- (the existing columns keep the Bulgarian text), and the strategy's
-- header names the person who submits the council report. The submitter
-- is checked at commit: a strategy is written header first, people after.
-- Applied migrations are never edited: add a new file.
ALTER TABLE milestones ADD COLUMN note_en TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN override_reason_en TEXT;
ALTER TABLE meta ADD COLUMN submitter_id INTEGER REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED;
