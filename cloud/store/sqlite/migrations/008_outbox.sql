-- The outbox of subscribe messages: a message is pending until it was pushed (or given up).
-- Messages stored before this migration count as pushed.
ALTER TABLE messages ADD COLUMN push_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_push_pending ON messages (created_at) WHERE push_pending = 1;
