-- Issues 22 and 24: a 补充 (a neighbour's words and photos given with 我也遇到) is a record of its
-- own, one per (case, the neighbour's digest `supplementOwner`, their submit key), insert-only, as
-- each support is in report_supports: no write of the case, so neighbours giving one at the same
-- moment never contend for it. The case's cap of 30 is its counter `supplements:<case id>`
-- (counters.take). The 补充 kept until now in the case's `workflow.supplements` move here, their
-- count into the counter, and the field goes.
CREATE TABLE report_supplements (
  report_id TEXT NOT NULL,
  by_owner TEXT NOT NULL,
  client_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT,
  photos TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (report_id, by_owner, client_id)
);
-- a case's 补充 in time order (report.get: one query limited to 30)
CREATE INDEX report_supplements_at ON report_supplements (report_id, at);

INSERT OR IGNORE INTO report_supplements (report_id, by_owner, client_id, at, note, photos)
  SELECT r.id, json_extract(s.value, '$.by'), COALESCE(json_extract(s.value, '$.clientId'), ''), json_extract(s.value, '$.at'),
    json_extract(s.value, '$.note'), COALESCE(json_extract(s.value, '$.photos'), '[]')
  FROM reports r, json_each(r.workflow, '$.supplements') s
  WHERE r.workflow IS NOT NULL AND json_type(r.workflow, '$.supplements') = 'array';

INSERT INTO counters (name, value)
  SELECT 'supplements:' || report_id, COUNT(*) FROM report_supplements WHERE true GROUP BY report_id
  ON CONFLICT (name) DO UPDATE SET value = excluded.value;

UPDATE reports SET workflow = json_remove(workflow, '$.supplements')
  WHERE workflow IS NOT NULL AND json_type(workflow, '$.supplements') IS NOT NULL;
