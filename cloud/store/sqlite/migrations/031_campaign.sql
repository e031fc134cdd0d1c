-- Issue 26: the campaign. The 测评体系, the 点位 and the 路段 are each one JSON document of
-- reference data (key: catalog, sites, roads), read whole like the directory; a month's round
-- (its 点位 and their evaluators) is one row; each 点位's inspection is one row, its id
-- `<period>:<siteId>` (a 点位 is inspected once a round), its answers JSON.
CREATE TABLE campaign_docs (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE campaign_rounds (
  period TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE campaign_inspections (
  id TEXT PRIMARY KEY,
  period TEXT NOT NULL,
  evaluator TEXT NOT NULL,
  village_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX campaign_inspections_by_period ON campaign_inspections (period, evaluator);
