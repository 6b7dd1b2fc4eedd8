-- Strategy Tracker on PostgreSQL, schema 6 (DESIGN.md §1.2): a
-- milestone's note and a status override's reason have an English text
-- beside the Bulgarian one (the existing columns keep the Bulgarian
-- text), and the strategy's header names the person who submits the
-- council report. The submitter is checked at commit: a strategy is
-- written header first, people after. Who may write the new columns is
-- re-applied by every `server init`: coordinators write note_en where they
-- write note (policies.sql), and its length is checked with note's
-- (security.go, st_note). Applied migrations are never edited.
ALTER TABLE milestones ADD COLUMN note_en text NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN override_reason_en text;
ALTER TABLE meta ADD COLUMN submitter_id bigint REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED;
