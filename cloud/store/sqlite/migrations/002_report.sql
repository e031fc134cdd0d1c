-- 随手拍: cases, their immutable timeline, supports (我也遇到) and a spatial index for `nearby`.
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  client_id TEXT NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  photos TEXT NOT NULL,
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  address TEXT,
  village_id TEXT,
  status TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  anonymous INTEGER NOT NULL,
  support_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  resolved_at INTEGER,
  rating_score INTEGER,
  rating_comment TEXT,
  reply TEXT,
  after_photos TEXT NOT NULL DEFAULT '[]',
  overdue_notified INTEGER NOT NULL DEFAULT 0,
  warned_notified INTEGER NOT NULL DEFAULT 0,
  UNIQUE (openid, client_id)
);
CREATE INDEX reports_by_user ON reports (openid, created_at DESC, id DESC);
CREATE INDEX reports_by_unit ON reports (unit_id, created_at DESC, id DESC);
CREATE INDEX reports_by_created ON reports (created_at DESC, id DESC);
CREATE INDEX reports_open_due ON reports (due_at) WHERE status IN ('submitted', 'accepted', 'reopened');
CREATE INDEX reports_resolved ON reports (resolved_at) WHERE status = 'resolved';
CREATE INDEX reports_by_village ON reports (village_id, created_at);

-- R*Tree over the points of the cases, keyed by the reports table's rowid.
CREATE VIRTUAL TABLE reports_geo USING rtree (id, min_lat, max_lat, min_lng, max_lng);

CREATE TABLE report_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT,
  actor_role TEXT NOT NULL,
  actor_openid TEXT
);
CREATE INDEX report_events_by_report ON report_events (report_id, seq);
-- The timeline is append-only: the database itself refuses to change or remove an event.
CREATE TRIGGER report_events_no_update BEFORE UPDATE ON report_events BEGIN SELECT RAISE(ABORT, 'timeline events are immutable'); END;
CREATE TRIGGER report_events_no_delete BEFORE DELETE ON report_events BEGIN SELECT RAISE(ABORT, 'timeline events are immutable'); END;

CREATE TABLE report_supports (
  report_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (report_id, openid)
);
