-- 志愿服务: drives with their capacity counters, and signups (waitlist order, check-in/out, minutes).
CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  village_id TEXT NOT NULL,
  address TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  confirmed_count INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0 AND confirmed_count <= capacity),
  waitlist_count INTEGER NOT NULL DEFAULT 0 CHECK (waitlist_count >= 0),
  waitlist_seq INTEGER NOT NULL DEFAULT 0,
  signup_deadline INTEGER NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0,
  cancel_reason TEXT,
  organizer_openid TEXT NOT NULL,
  checkin_code TEXT NOT NULL,
  report_ids TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE INDEX activities_by_start ON activities (start_at);
CREATE INDEX activities_by_village ON activities (village_id, start_at);
CREATE INDEX activities_by_end ON activities (end_at);

CREATE TABLE signups (
  activity_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  status TEXT NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0,
  signed_up_at INTEGER NOT NULL,
  check_in_at INTEGER,
  check_out_at INTEGER,
  minutes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (activity_id, openid)
);
CREATE INDEX signups_waitlist ON signups (activity_id, status, seq);
CREATE INDEX signups_by_user ON signups (openid, signed_up_at DESC);
CREATE INDEX signups_checked_in ON signups (activity_id) WHERE status = 'checkedIn';
