-- Evaluators named by admins, and the operation log: who did what, when, before and after.
-- The log is insert-only: triggers refuse any change or removal, as for the case timeline.
ALTER TABLE users ADD COLUMN evaluator INTEGER NOT NULL DEFAULT 0;

CREATE TABLE operation_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  actor_openid TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX operation_log_by_target ON operation_log (target, at);
CREATE INDEX operation_log_by_at ON operation_log (at);
CREATE TRIGGER operation_log_no_update BEFORE UPDATE ON operation_log BEGIN SELECT RAISE(ABORT, 'the operation log is immutable'); END;
CREATE TRIGGER operation_log_no_delete BEFORE DELETE ON operation_log BEGIN SELECT RAISE(ABORT, 'the operation log is immutable'); END;
