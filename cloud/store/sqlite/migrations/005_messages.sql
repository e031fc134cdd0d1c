-- 站内消息: one row per message to one user; read flag set by the user.
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT,
  created_at INTEGER NOT NULL,
  read INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX messages_user ON messages (openid, created_at DESC, id DESC);
CREATE INDEX messages_unread ON messages (openid) WHERE read = 0;
