-- A log not read before gets its row, with nothing counted yet; a known one is left as it is.
INSERT INTO EvidenceSources (SourceKey, PrefixBytes, Name, LinesRead, CursorCount, UpdatedAt) VALUES (@Key, @PrefixBytes, @Name, 0, 0, @Now)
ON CONFLICT (SourceKey) DO NOTHING;
