-- Only while the lease is ours: a node whose lease ran out must not overwrite what the next owner recorded. The
-- subject is the one sent (a campaign copy has none until it is written, as it is sent).
UPDATE OutboxMessages
SET Status = 'sent', Subject = @Subject, Attempts = Attempts + 1, SentAt = @SentAt, LeaseOwner = NULL, LeaseUntil = NULL
WHERE Id = @Id AND LeaseOwner = @LeaseOwner;
