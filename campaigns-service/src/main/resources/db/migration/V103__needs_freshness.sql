-- The freshness sweep (NeedFreshnessSweep) looks for live needs that are due: unconfirmed for too
-- long, or past their needed-by date. Partial indexes keep that lookup to the live needs only;
-- the planner combines the two for the sweep's OR.
CREATE INDEX needs_live_last_confirmed ON needs (last_confirmed_at)
    WHERE status IN ('OPEN', 'FULLY_PLEDGED');
CREATE INDEX needs_live_needed_by ON needs (needed_by)
    WHERE status IN ('OPEN', 'FULLY_PLEDGED') AND needed_by IS NOT NULL;
