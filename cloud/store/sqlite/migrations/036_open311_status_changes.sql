-- Issue 27: a partner system's status changes (FixMyStreet's `status=FIXED`/`CLOSED` on
-- POST servicerequestupdates) resolve a case only where an admin allowed it for the partner's key
-- (管理后台 → 外部系统接入); off by default.
ALTER TABLE open311_keys ADD COLUMN status_changes INTEGER NOT NULL DEFAULT 0;
