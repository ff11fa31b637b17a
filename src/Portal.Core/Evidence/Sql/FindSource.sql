SELECT SourceKey, PrefixBytes, Name, LinesRead, CursorAt, CursorCount, LeaseOwner, LeaseUntil, UpdatedAt FROM EvidenceSources WHERE SourceKey = @Key;
