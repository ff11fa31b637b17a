-- A log not read before gets its row, with nothing counted yet; a known one is left as it is.
INSERT INTO dbo.EvidenceSources (SourceKey, PrefixBytes, Name, LinesRead, CursorCount, UpdatedAt)
SELECT @Key, @PrefixBytes, @Name, 0, 0, @Now
WHERE NOT EXISTS (SELECT 1 FROM dbo.EvidenceSources WITH (UPDLOCK, HOLDLOCK) WHERE SourceKey = @Key);
