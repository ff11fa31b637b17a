-- @Rows: dbo.MemberEvidenceRows, one per member, kind and day (SQLite: a JSON array). Counts add up; the first and last
-- times widen.
MERGE dbo.MemberEvidence WITH (HOLDLOCK) AS t
USING @Rows AS r ON t.MemberId = r.MemberId AND t.Kind = r.Kind AND t.Day = r.Day
WHEN MATCHED THEN UPDATE SET Count = t.Count + r.Count,
                             FirstAt = CASE WHEN r.FirstAt < t.FirstAt THEN r.FirstAt ELSE t.FirstAt END,
                             LastAt = CASE WHEN r.LastAt > t.LastAt THEN r.LastAt ELSE t.LastAt END
WHEN NOT MATCHED THEN INSERT (MemberId, Kind, Day, Count, FirstAt, LastAt) VALUES (r.MemberId, r.Kind, r.Day, r.Count, r.FirstAt, r.LastAt);
