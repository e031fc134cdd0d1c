-- Issue 28: the 积分 ledger. Every point earned or spent is an entry, written in its cause's
-- transaction with the balance (users.points, the ledger's sum kept as an aggregate). Entries are
-- never changed or removed (triggers), but for the person's id on 账号注销 (the entry stays under
-- the anonymous alias, like the person's cases). The id is the cause's: a cause is entered once.
CREATE TABLE points_ledger (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  amount INTEGER NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  by_openid TEXT,
  village_id TEXT
);
CREATE INDEX points_ledger_by_owner ON points_ledger (openid, at, id);
CREATE INDEX points_ledger_by_village ON points_ledger (village_id, at);
CREATE TRIGGER points_ledger_no_update BEFORE UPDATE OF id, amount, kind, ref, reason, at, by_openid, village_id ON points_ledger
BEGIN SELECT RAISE(ABORT, 'the points ledger is immutable'); END;
CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger BEGIN SELECT RAISE(ABORT, 'the points ledger is immutable'); END;

-- what balances held before the ledger began: one opening entry each, so the ledger sums to every balance
INSERT INTO points_ledger (id, openid, amount, kind, ref, reason, at, by_openid, village_id)
SELECT 'opening::' || openid, openid, points, 'opening', 'opening', '期初积分', CAST(strftime('%s', 'now') AS INTEGER) * 1000, NULL, village_id
FROM users WHERE points <> 0;
