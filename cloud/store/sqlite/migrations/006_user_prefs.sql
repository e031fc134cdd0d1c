-- 长辈模式 (large text, high contrast), remembered per user.
ALTER TABLE users ADD COLUMN elder_mode INTEGER NOT NULL DEFAULT 0;
