-- The same event on the timelines of a batch of members (@Rows: JSON arrays of [line, MemberId]).
INSERT INTO MemberEvents (MemberId, Kind, Detail, At) SELECT value ->> 1, @Kind, @Detail, @Now FROM json_each(@Rows) ORDER BY key;
