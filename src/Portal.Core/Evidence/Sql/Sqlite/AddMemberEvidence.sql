-- @Rows: JSON array of [line, member id, kind, day, count, first, last], one per member, kind and day (SQL Server:
-- dbo.MemberEvidenceRows). Counts add up; the first and last times widen (UTC text of one width: text order is time order).
INSERT INTO MemberEvidence (MemberId, Kind, Day, Count, FirstAt, LastAt)
SELECT value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(@Rows) WHERE true
ON CONFLICT (MemberId, Kind, Day) DO UPDATE SET Count = Count + excluded.Count, FirstAt = min(FirstAt, excluded.FirstAt), LastAt = max(LastAt, excluded.LastAt);
