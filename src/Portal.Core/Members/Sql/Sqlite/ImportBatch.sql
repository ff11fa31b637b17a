-- One batch of a members file, set-based: existing accounts updated (a known program is kept when the file leaves it
-- empty), new ones added, an "imported" event for each. @Rows is a JSON array of [line, account, email, name, program, language].
UPDATE Members SET Email = r.Email, Name = r.Name, Program = COALESCE(r.Program, Members.Program), Language = r.Language, UpdatedAt = @Now
FROM (SELECT value ->> 1 AS Account, value ->> 2 AS Email, value ->> 3 AS Name, value ->> 4 AS Program, value ->> 5 AS Language FROM json_each(@Rows)) AS r
WHERE Members.Account = r.Account;

INSERT INTO Members (Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt)
SELECT value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, 0, @Now, @Now FROM json_each(@Rows)
WHERE NOT EXISTS (SELECT 1 FROM Members WHERE Account = value ->> 1);

INSERT INTO MemberEvents (MemberId, Kind, Detail, At)
SELECT m.Id, @Kind, @Detail, @Now FROM json_each(@Rows) AS r JOIN Members AS m ON m.Account = r.value ->> 1 ORDER BY r.key;
