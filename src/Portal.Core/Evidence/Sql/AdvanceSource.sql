-- In the transaction that adds a chunk's counts, and first in it: only when the file was counted up to where this
-- import started its chunk, so that two imports of one file at once cannot both count it (the second finds nothing
-- to update and rolls back). A file known while shorter takes its full fingerprint here.
UPDATE EvidenceSources SET SourceKey = @Key, PrefixBytes = @PrefixBytes, Name = @Name, LinesRead = @LinesRead, UpdatedAt = @Now
WHERE SourceKey = @RowKey AND LinesRead = @Expected;
