-- Only while the lease is still ours: a node that lost it stops, and the new holder resumes from QueuedUpTo.
UPDATE Campaigns SET QueuedUpTo = @UpTo, Queued = Queued + @Queued, LeaseUntil = @Until WHERE Id = @Id AND LeaseOwner = @Owner;
