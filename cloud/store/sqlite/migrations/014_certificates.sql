-- 志愿服务证明: the volunteer's optional real name, and each certificate issued, by its number.
ALTER TABLE users ADD COLUMN real_name TEXT;

CREATE TABLE certificates (
  number TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  name TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  drives INTEGER NOT NULL,
  issuer TEXT NOT NULL,
  issued_at INTEGER NOT NULL
);
CREATE INDEX certificates_by_user ON certificates (openid, issued_at);
