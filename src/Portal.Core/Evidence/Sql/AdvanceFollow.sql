-- In the transaction that adds the counts, and first in it: only while the lease is still ours (a follower that lost
-- it counts nothing more); renews the lease and moves the cursor past the records counted.
UPDATE EvidenceSources SET LinesRead = LinesRead + @Lines, CursorAt = @CursorAt, CursorCount = @CursorCount, LeaseUntil = @Until, UpdatedAt = @Now
WHERE SourceKey = @Key AND LeaseOwner = @Owner;
