-- Issue 25: each user's consent to each subscribe-message template (一次性 or 长期订阅).
-- credits: pushes left of a one-time consent (each accepted tap adds one, each push takes one).
CREATE TABLE notice_consents (
  openid TEXT NOT NULL,
  template_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('once', 'long')),
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
  credits INTEGER NOT NULL DEFAULT 0 CHECK (credits >= 0),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (openid, template_id)
) WITHOUT ROWID;

-- A unit's 企业微信 群机器人: the webhook's key only (a secret, never answered back whole).
CREATE TABLE unit_channels (
  unit_id TEXT PRIMARY KEY,
  webhook_key TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The outbox of posts to the units' group robots: recorded with the change, sent after commit,
-- retried at next_at after a failure; a sender claims a post by moving next_at past its attempt.
CREATE TABLE webhook_posts (
  id TEXT PRIMARY KEY,
  unit_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  next_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER
);
CREATE INDEX webhook_posts_due ON webhook_posts (next_at) WHERE sent_at IS NULL;
CREATE INDEX webhook_posts_sent ON webhook_posts (unit_id, sent_at) WHERE sent_at IS NOT NULL;

-- Issue 25: the organizer marks a volunteer who signed up but never came (after the drive).
ALTER TABLE signups ADD COLUMN no_show INTEGER NOT NULL DEFAULT 0;
CREATE INDEX signups_no_show ON signups (openid) WHERE no_show = 1;

-- 我的 → 消息设置: what a user asked not to be told of (`follow`: the progress of cases they pressed 我也遇到 on).
CREATE TABLE notice_mutes (
  openid TEXT NOT NULL,
  topic TEXT NOT NULL,
  PRIMARY KEY (openid, topic)
) WITHOUT ROWID;
