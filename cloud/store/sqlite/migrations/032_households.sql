-- Issue 26, item 6: 十星级文明户 and 五美庭院. A village's households (户主 and 门牌, named by the
-- village, never linked to an account) are kept together, as on CloudBase (one document a village);
-- the committee's draft ratings one row a list (village, kind, year); the award entries —
-- published lists and withdrawals — are insert-only (triggers).
CREATE TABLE households (
  village_id TEXT PRIMARY KEY,
  items TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE household_ratings (
  id TEXT PRIMARY KEY,
  village_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  year TEXT NOT NULL,
  stars TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE household_awards (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('list', 'withdrawal')),
  village_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  year TEXT NOT NULL,
  items TEXT NOT NULL,
  household_id TEXT,
  reason TEXT,
  at INTEGER NOT NULL,
  by_name TEXT NOT NULL
);
CREATE INDEX household_awards_by_village ON household_awards (village_id, at);
CREATE TRIGGER household_awards_no_update BEFORE UPDATE ON household_awards BEGIN SELECT RAISE(ABORT, 'household award entries are immutable'); END;
CREATE TRIGGER household_awards_no_delete BEFORE DELETE ON household_awards BEGIN SELECT RAISE(ABORT, 'household award entries are immutable'); END;

-- Issue 28's expiry (config points.expiryMonths): the sla timer reads what was earned, oldest first, in batches.
CREATE INDEX points_ledger_by_at ON points_ledger (at, id);
