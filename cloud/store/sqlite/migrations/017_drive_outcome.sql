-- Issue 15: what a drive did for its linked cases (the organizer's outcome per case, JSON) and how
-- many it resolved (the village figures sum it); the suggested scores beside each submission.
ALTER TABLE activities ADD COLUMN outcomes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE activities ADD COLUMN fixed_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX activities_held ON activities (village_id, start_at) WHERE cancelled = 0;
ALTER TABLE evaluation_submissions ADD COLUMN suggested TEXT;
