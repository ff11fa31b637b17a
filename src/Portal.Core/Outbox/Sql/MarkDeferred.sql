-- The relay said "later" (4xx) or could not be reached: try again at @NextAttemptAt, or give up after @MaxAttempts.
UPDATE OutboxMessages
SET Attempts = Attempts + 1,
    Status = CASE WHEN Attempts + 1 >= @MaxAttempts THEN 'failed' ELSE 'queued' END,
    NextAttemptAt = @NextAttemptAt, LastError = @LastError, LeaseOwner = NULL, LeaseUntil = NULL
WHERE Id = @Id AND LeaseOwner = @LeaseOwner;
