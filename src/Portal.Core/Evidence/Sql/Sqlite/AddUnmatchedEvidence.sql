-- @Rows: JSON array of [line, kind, day, count], one per kind and day (SQL Server: dbo.UnmatchedEvidenceRows).
INSERT INTO UnmatchedEvidence (Day, Kind, Count)
SELECT value ->> 2, value ->> 1, value ->> 3 FROM json_each(@Rows) WHERE true
ON CONFLICT (Day, Kind) DO UPDATE SET Count = Count + excluded.Count;
