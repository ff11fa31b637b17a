-- SendBaseUrl stays: the copies queued are written, with their links to it, as the outbox sends them.
UPDATE Campaigns SET SendBy = NULL, LeaseOwner = NULL, LeaseUntil = NULL, LastSentAt = @Now WHERE Id = @Id AND LeaseOwner = @Owner;
