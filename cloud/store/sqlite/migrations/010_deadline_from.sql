-- When a case's current deadline started counting: its filing, or its reopening (null: the filing).
ALTER TABLE reports ADD COLUMN deadline_from INTEGER;
