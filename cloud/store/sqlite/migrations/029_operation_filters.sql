-- The operation log filtered by person or by action (issue 24), newest first.
CREATE INDEX operation_log_by_actor ON operation_log (actor_openid, at);
CREATE INDEX operation_log_by_action ON operation_log (action, at);
