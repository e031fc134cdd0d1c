-- Users, reference data (regions, units, categories, responsibilities) and counters.
CREATE TABLE users (
  openid TEXT PRIMARY KEY,
  nickname TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('resident', 'staff', 'admin')),
  unit_id TEXT,
  village_id TEXT,
  points INTEGER NOT NULL DEFAULT 0,
  volunteer_minutes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX users_role ON users (role);

CREATE TABLE regions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('town', 'village')),
  parent_id TEXT
);

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  town_id TEXT
);

CREATE TABLE categories (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  grp TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  sla_hours INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('problem', 'praise'))
);

CREATE TABLE responsibilities (
  village_id TEXT NOT NULL,
  grp TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  PRIMARY KEY (village_id, grp)
);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
