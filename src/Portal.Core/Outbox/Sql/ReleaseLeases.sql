-- What a batch did not get to (the node is stopping, or its lease is running out) is free for any node at once.
UPDATE OutboxMessages SET LeaseOwner = NULL, LeaseUntil = NULL WHERE LeaseOwner = @LeaseOwner;
