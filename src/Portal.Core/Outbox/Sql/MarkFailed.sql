-- The relay refused the message for good (5xx): it is not tried again.
UPDATE OutboxMessages
SET Status = 'failed', Attempts = Attempts + 1, LastError = @LastError, LeaseOwner = NULL, LeaseUntil = NULL
WHERE Id = @Id AND LeaseOwner = @LeaseOwner;
