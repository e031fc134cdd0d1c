-- Wrong check-in codes: after a few in a row a volunteer is locked out of the drive's code for a while.
ALTER TABLE signups ADD COLUMN code_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE signups ADD COLUMN code_locked_until INTEGER;
