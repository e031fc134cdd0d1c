-- When the reminder the evening before a drive went out to its volunteers (null: not yet).
ALTER TABLE activities ADD COLUMN reminded_at INTEGER;
CREATE INDEX activities_to_remind ON activities (start_at) WHERE reminded_at IS NULL AND cancelled = 0;
