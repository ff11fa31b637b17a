-- One batch of a members file, set-based: existing accounts updated (a known program is kept when the file leaves it
-- empty), new ones added, an "imported" event for each. @Rows is a dbo.MemberImportRows table-valued parameter.
UPDATE m SET Email = r.Email, Name = r.Name, Program = COALESCE(r.Program, m.Program), Language = r.Language, UpdatedAt = @Now
FROM dbo.Members AS m JOIN @Rows AS r ON m.Account = r.Account;

INSERT INTO dbo.Members (Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt)
SELECT r.Account, r.Email, r.Name, r.Program, r.Language, 0, @Now, @Now FROM @Rows AS r
WHERE NOT EXISTS (SELECT 1 FROM dbo.Members WITH (UPDLOCK, HOLDLOCK) WHERE Account = r.Account);

INSERT INTO dbo.MemberEvents (MemberId, Kind, Detail, At)
SELECT m.Id, @Kind, @Detail, @Now FROM @Rows AS r JOIN dbo.Members AS m ON m.Account = r.Account ORDER BY r.Line;
