-- Issue 25 (following): the villages a resident follows (a weekly summary of each, once a week).
CREATE TABLE village_follows (
  openid TEXT NOT NULL,
  village_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (openid, village_id)
) WITHOUT ROWID;
CREATE INDEX village_follows_village ON village_follows (village_id, openid);

-- Issue 25 (following an area): a circle (centre, radius ≤ 2 km) with categories (JSON; [] = all);
-- found by the coarse grid cells its box touches (area_follow_cells), then by distance.
CREATE TABLE area_follows (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  radius INTEGER NOT NULL,
  categories TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE INDEX area_follows_openid ON area_follows (openid);
CREATE TABLE area_follow_cells (
  cell TEXT NOT NULL,
  follow_id TEXT NOT NULL REFERENCES area_follows (id) ON DELETE CASCADE,
  PRIMARY KEY (cell, follow_id)
) WITHOUT ROWID;
