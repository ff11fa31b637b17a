-- @Rows: dbo.UnmatchedEvidenceRows, one per kind and day (SQLite: a JSON array).
MERGE dbo.UnmatchedEvidence WITH (HOLDLOCK) AS t
USING @Rows AS r ON t.Day = r.Day AND t.Kind = r.Kind
WHEN MATCHED THEN UPDATE SET Count = t.Count + r.Count
WHEN NOT MATCHED THEN INSERT (Day, Kind, Count) VALUES (r.Day, r.Kind, r.Count);
