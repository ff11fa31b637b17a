-- The follower stops (its input ended, or it was told to): another may take the log over at once.
UPDATE EvidenceSources SET LeaseOwner = NULL, LeaseUntil = NULL WHERE SourceKey = @Key AND LeaseOwner = @Owner;
