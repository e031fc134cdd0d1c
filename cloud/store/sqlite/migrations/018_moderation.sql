-- Moderation before publication (issue 13): a case with photos is public only once its photos
-- passed the content check; staff can hide a case or single photos from public view. Cases
-- stored before this are public ('passed').
ALTER TABLE reports ADD COLUMN moderation TEXT NOT NULL DEFAULT 'passed' CHECK (moderation IN ('pending', 'passed'));
ALTER TABLE reports ADD COLUMN unchecked_photos TEXT NOT NULL DEFAULT '[]';
ALTER TABLE reports ADD COLUMN hidden_photos TEXT NOT NULL DEFAULT '[]';
ALTER TABLE reports ADD COLUMN hidden_at INTEGER;
ALTER TABLE reports ADD COLUMN hidden_reason TEXT;
CREATE INDEX reports_pending_moderation ON reports (created_at) WHERE moderation = 'pending';
