-- Only while the lease is ours: a node whose lease ran out must not overwrite what the next owner recorded.
UPDATE OutboxMessages
SET Status = 'sent', Attempts = Attempts + 1, SentAt = @SentAt, LeaseOwner = NULL, LeaseUntil = NULL
WHERE Id = @Id AND LeaseOwner = @LeaseOwner;
