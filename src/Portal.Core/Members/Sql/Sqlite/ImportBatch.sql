-- One batch of a members file, set-based: new accounts added, known ones updated (a known program is kept when the
-- file leaves it empty), an "imported" event for each. @Rows is a JSON array of [line, account, email, name, program,
-- language]; CROSS JOIN keeps the batch as the outer loop, so each row is one index lookup into Members.
INSERT INTO Members (Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt)
SELECT value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, 0, @Now, @Now FROM json_each(@Rows) WHERE true ORDER BY key
ON CONFLICT (Account) DO UPDATE SET Email = excluded.Email, Name = excluded.Name, Program = COALESCE(excluded.Program, Program),
                                    Language = excluded.Language, UpdatedAt = excluded.UpdatedAt;

INSERT INTO MemberEvents (MemberId, Kind, Detail, At)
SELECT m.Id, @Kind, @Detail, @Now FROM json_each(@Rows) AS r CROSS JOIN Members AS m WHERE m.Account = r.value ->> 1 ORDER BY r.key;
