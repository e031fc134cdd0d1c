-- Open311 GeoReport v2 (issue 15): where a case came from, the partner systems' keys (a hash of
-- each, never the key) and the timeline by time (servicerequestupdates reads events in a window).
ALTER TABLE reports ADD COLUMN source TEXT NOT NULL DEFAULT 'app';
CREATE INDEX report_events_by_at ON report_events (at, seq);

CREATE TABLE open311_keys (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  partner TEXT NOT NULL,
  openid TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE INDEX open311_keys_by_created ON open311_keys (created_at DESC, id DESC);
