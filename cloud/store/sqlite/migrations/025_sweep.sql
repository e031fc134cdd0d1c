-- Issue 23: the deadline sweep reads a bounded batch. Each open problem not yet told at its
-- deadline (工作提示) or not yet warned (工作预警) is indexed by when its next step is due: the
-- deadline while untold, else twice the time allowed (counted from the filing or the reopening,
-- as deadlineState does). Cases told and warned leave the index, so the sweep no longer reads
-- every overdue case (679,000 among 1,000,000) to find the few with something to do.
CREATE INDEX reports_sweep_due ON reports (
  (CASE WHEN overdue_notified = 0 THEN due_at ELSE 2 * due_at - COALESCE(deadline_from, created_at) END)
) WHERE status IN ('submitted', 'accepted', 'reopened', 'returned') AND kind = 'problem' AND (overdue_notified = 0 OR warned_notified = 0);
