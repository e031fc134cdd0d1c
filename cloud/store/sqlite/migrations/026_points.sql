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

-- The 积分超市: shopkeepers (like 网格员: a JSON array of the shops' region ids, '[]': none), goods,
-- one-time codes (only a sha256 of each) and redemptions (the id from the shopkeeper's submit).
ALTER TABLE users ADD COLUMN shop_ids TEXT NOT NULL DEFAULT '[]';
CREATE TABLE shop_goods (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL,
  name TEXT NOT NULL,
  price INTEGER NOT NULL,
  stock INTEGER NOT NULL CHECK (stock >= 0),
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE INDEX shop_goods_by_shop ON shop_goods (shop_id, created_at);
CREATE TABLE point_codes (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  redemption_id TEXT
);
CREATE INDEX point_codes_by_created ON point_codes (created_at);
CREATE TABLE redemptions (
  id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  customer TEXT NOT NULL,
  keeper_openid TEXT NOT NULL,
  keeper TEXT NOT NULL,
  items TEXT NOT NULL,
  total INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX redemptions_by_shop ON redemptions (shop_id, at, id);
