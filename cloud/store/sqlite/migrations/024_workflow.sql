-- Issue 21, the 数字城管 workflow: 退回 (status 'returned', open: it waits for the dispatcher), 核查
-- (status 'verifying' after a resolve of a category that asks for it), and the workflow's facts of a
-- case (returns, extensions, 督办, 返工) as one JSON value, NULL on cases stored before it.
ALTER TABLE reports ADD COLUMN workflow TEXT;
ALTER TABLE categories ADD COLUMN verify_before_close INTEGER NOT NULL DEFAULT 0;
-- The open statuses now include 'returned': the partial indexes of open cases follow them.
DROP INDEX reports_open_due;
CREATE INDEX reports_open_due ON reports (due_at) WHERE status IN ('submitted', 'accepted', 'reopened', 'returned');
DROP INDEX reports_dash_open;
CREATE INDEX reports_dash_open ON reports (kind, due_at, unit_id, created_at) WHERE status IN ('submitted', 'accepted', 'reopened', 'returned');
-- 核查 queues: a village's cases waiting for their check.
CREATE INDEX reports_verifying ON reports (village_id, resolved_at) WHERE status = 'verifying';
-- The unit board (退回, 返工, 督办 per unit and month): each step keeps the unit the case had then.
ALTER TABLE report_events ADD COLUMN unit_id TEXT;
CREATE INDEX report_events_by_unit_step ON report_events (action, at, unit_id) WHERE unit_id IS NOT NULL;
-- Who is told of a unit's cases: its staff through an index, never a read of every staff member.
CREATE INDEX users_staff_unit ON users (unit_id) WHERE role = 'staff';
