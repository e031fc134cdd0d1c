-- Issue 14 (the console's 人员): 网格员. A person an admin names 网格员 of some villages keeps their
-- role; the villages are a JSON array of region ids ('[]': not a 网格员). The partial index keeps
-- "only 网格员" and "the 网格员 of a village" to the few users who are.
ALTER TABLE users ADD COLUMN grid_village_ids TEXT NOT NULL DEFAULT '[]';
CREATE INDEX users_grid ON users (user_id) WHERE grid_village_ids <> '[]';
