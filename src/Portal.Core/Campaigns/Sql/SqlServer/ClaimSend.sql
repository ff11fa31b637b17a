-- One wanted send whose lease is free becomes this node's until @Until; READPAST skips one another node is taking.
WITH next AS (
    SELECT TOP (1) Id, LeaseOwner, LeaseUntil FROM dbo.Campaigns WITH (UPDLOCK, READPAST, ROWLOCK)
    WHERE SendBy IS NOT NULL AND (LeaseUntil IS NULL OR LeaseUntil < @Now)
    ORDER BY Id
)
UPDATE next SET LeaseOwner = @Owner, LeaseUntil = @Until
OUTPUT inserted.Id;
