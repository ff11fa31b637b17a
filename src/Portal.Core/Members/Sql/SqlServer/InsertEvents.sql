-- The same event on the timelines of a batch of members (@Rows: dbo.MemberIds).
INSERT INTO dbo.MemberEvents (MemberId, Kind, Detail, At) SELECT r.Id, @Kind, @Detail, @Now FROM @Rows AS r ORDER BY r.Line;
