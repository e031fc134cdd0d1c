-- Issue 14 (the console): each user's opaque handle, which admins name users by instead of their
-- openid (a stored random id, never derived from it); and covering indexes for the dashboard's
-- GROUP BYs, so its figures read an index, not the table, however many cases the district has.
ALTER TABLE users ADD COLUMN user_id TEXT;
UPDATE users SET user_id = lower(hex(randomblob(10))) WHERE user_id IS NULL;
CREATE UNIQUE INDEX users_by_user_id ON users (user_id);

-- problems filed in a range: by day, category, village and unit (admins; a unit's staff)
CREATE INDEX reports_dash_created ON reports (kind, created_at, unit_id, category, village_id, status, resolved_at, due_at, rating_score);
CREATE INDEX reports_dash_unit ON reports (kind, unit_id, created_at, category, village_id, status, resolved_at, due_at, rating_score);
-- a long range of the district (most of its cases): by category and by village in index order
CREATE INDEX reports_dash_category ON reports (kind, category, created_at);
CREATE INDEX reports_dash_village ON reports (kind, village_id, created_at);
-- resolved by day, and deadlines falling in a range (overdue by day)
CREATE INDEX reports_dash_resolved ON reports (kind, resolved_at, unit_id, status) WHERE resolved_at IS NOT NULL;
CREATE INDEX reports_dash_due ON reports (kind, due_at, unit_id, status, resolved_at);
-- open problems by deadline (overdue now, per unit): only the open ones are in it
CREATE INDEX reports_dash_open ON reports (kind, due_at, unit_id, created_at) WHERE status IN ('submitted', 'accepted', 'reopened');
-- accepted by day: the 受理 events of the timeline; a unit's, joined to their cases' units
CREATE INDEX report_events_by_action ON report_events (action, at, report_id);
CREATE INDEX reports_id_unit ON reports (id, unit_id);
