-- One statement: UPDLOCK keeps the rows it picks from every other claim until it commits, and READPAST lets a
-- concurrent claim skip those rows and take the next ones instead of waiting. A lease past LeaseUntil is free again
-- (its node died without releasing it).
WITH batch AS (
    SELECT TOP (@BatchSize) Id, LeaseOwner, LeaseUntil
    FROM dbo.OutboxMessages WITH (UPDLOCK, READPAST, ROWLOCK)
    WHERE Status = 'queued' AND NextAttemptAt <= @Now AND (LeaseUntil IS NULL OR LeaseUntil < @Now)
    ORDER BY Id)
UPDATE batch SET LeaseOwner = @LeaseOwner, LeaseUntil = @LeaseUntil;
