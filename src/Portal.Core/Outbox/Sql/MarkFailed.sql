-- The relay refused the message for good (5xx), or a campaign copy could not be written (@Subject null then): it is
-- not tried again.
UPDATE OutboxMessages
SET Status = 'failed', Subject = COALESCE(@Subject, Subject), Attempts = Attempts + 1, LastError = @LastError, LeaseOwner = NULL, LeaseUntil = NULL
WHERE Id = @Id AND LeaseOwner = @LeaseOwner;
