-- A batch of links sent (@Rows: JSON arrays of [line, Id, MemberId, Address, Program, Language, ExpiresAt]).
INSERT INTO SupportLinks (Id, MemberId, Address, Program, Language, SentBy, CreatedAt, ExpiresAt)
SELECT value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, @SentBy, @Now, value ->> 6 FROM json_each(@Rows) ORDER BY key;
