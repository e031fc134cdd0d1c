-- 村居测评: every submission (history), the current total and rank per village and month, stars.
CREATE TABLE evaluation_submissions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  village_id TEXT NOT NULL,
  period TEXT NOT NULL,
  kind TEXT NOT NULL,
  scores TEXT NOT NULL,
  total REAL NOT NULL,
  submitted_at INTEGER NOT NULL,
  submitted_by TEXT NOT NULL
);
CREATE INDEX evaluation_submissions_by_village ON evaluation_submissions (village_id, period, seq DESC);

CREATE TABLE evaluation_current (
  period TEXT NOT NULL,
  village_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  scores TEXT NOT NULL,
  total REAL NOT NULL,
  rank INTEGER NOT NULL DEFAULT 0,
  submitted_at INTEGER NOT NULL,
  submitted_by TEXT NOT NULL,
  PRIMARY KEY (period, village_id)
);
CREATE INDEX evaluation_current_by_village ON evaluation_current (village_id, period DESC);

CREATE TABLE village_stars (
  village_id TEXT NOT NULL,
  star TEXT NOT NULL,
  awarded_at INTEGER NOT NULL,
  awarded_by TEXT NOT NULL,
  PRIMARY KEY (village_id, star)
);
