-- Issue 14 (the console's 工单 search, report.queue): a staff member's queue is always of one unit,
-- so a category within it is read from its own index rather than by walking the unit's cases; a
-- partner system's cases (Open311, `source <> 'app'`) are few and found by a partial index.
CREATE INDEX reports_by_unit_category ON reports (unit_id, category, created_at DESC, id DESC);
CREATE INDEX reports_by_source ON reports (source, created_at DESC, id DESC) WHERE source <> 'app';
