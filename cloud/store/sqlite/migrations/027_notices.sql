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
