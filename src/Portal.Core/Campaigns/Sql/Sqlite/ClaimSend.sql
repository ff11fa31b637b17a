-- One wanted send whose lease is free becomes this node's until @Until.
UPDATE Campaigns SET LeaseOwner = @Owner, LeaseUntil = @Until
WHERE Id = (SELECT Id FROM Campaigns WHERE SendBy IS NOT NULL AND (LeaseUntil IS NULL OR LeaseUntil < @Now) ORDER BY Id LIMIT 1)
RETURNING Id;
