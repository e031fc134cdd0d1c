-- Issue 25 (following): the villages a resident follows (a weekly summary of each, once a week).
CREATE TABLE village_follows (
  openid TEXT NOT NULL,
  village_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (openid, village_id)
) WITHOUT ROWID;
CREATE INDEX village_follows_village ON village_follows (village_id, openid);
