-- Visibility (DESIGN.md §1.1): what the public site and the open data may
-- show. 0 = public (the default), 1 = internal / not published. A person's
-- name is published only when public = 1.
ALTER TABLE measures ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpis ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE updates ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE milestones ADD COLUMN note_internal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN public INTEGER NOT NULL DEFAULT 0;
