-- Files known while they were shorter than a fingerprint's bytes: one of them may be the start of the file now read.
SELECT SourceKey, PrefixBytes, Name, LinesRead, CursorAt, CursorCount, LeaseOwner, LeaseUntil, UpdatedAt FROM EvidenceSources
WHERE PrefixBytes > 0 AND PrefixBytes < @PrefixBytes ORDER BY PrefixBytes DESC;
