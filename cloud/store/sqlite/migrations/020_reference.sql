-- Issue 14 (the console, 基础数据): units and categories can be deactivated (kept for the cases
-- that name them, no longer offered or routed to); district settings edited by admins as
-- reference data (the calendar of working days, the months whose results are published), each a
-- JSON value by key.
ALTER TABLE units ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE categories ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
