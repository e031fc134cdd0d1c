-- Issue 14 (the console): one-time QR sign-in requests. The console asks for one, a staff member
-- or admin confirms it in the app, the console takes the session once. Only a sha256 of the
-- request's code is kept.
CREATE TABLE console_logins (
  id TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  confirmed_by TEXT,
  confirmed_at INTEGER,
  claimed_at INTEGER
);
