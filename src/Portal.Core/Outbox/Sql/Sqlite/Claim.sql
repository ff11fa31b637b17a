-- One statement, so one writer at a time: SQLite takes the write lock before it reads, and no two nodes can write the
-- same rows. A lease past LeaseUntil is free again (its node died without releasing it).
UPDATE OutboxMessages
SET LeaseOwner = @LeaseOwner, LeaseUntil = @LeaseUntil
WHERE Id IN (
    SELECT Id FROM OutboxMessages
    WHERE Status = 'queued' AND NextAttemptAt <= @Now AND (LeaseUntil IS NULL OR LeaseUntil < @Now)
    ORDER BY Id
    LIMIT @BatchSize);
