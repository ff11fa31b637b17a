-- A followed log becomes this process's until @Until, unless another holds it: one follower counts at a time.
UPDATE EvidenceSources SET LeaseOwner = @Owner, LeaseUntil = @Until, UpdatedAt = @Now
WHERE SourceKey = @Key AND (LeaseOwner IS NULL OR LeaseUntil < @Now);
