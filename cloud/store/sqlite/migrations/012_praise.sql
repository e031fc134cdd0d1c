-- 文明点赞 is not a problem: each case keeps its kind (no deadline, no queue, its own wall).
ALTER TABLE reports ADD COLUMN kind TEXT NOT NULL DEFAULT 'problem' CHECK (kind IN ('problem', 'praise'));
UPDATE reports SET kind = 'praise' WHERE category IN (SELECT code FROM categories WHERE kind = 'praise');
CREATE INDEX reports_praise_wall ON reports (created_at) WHERE kind = 'praise' AND status = 'accepted';
