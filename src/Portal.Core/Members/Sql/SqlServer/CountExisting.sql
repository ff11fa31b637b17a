-- @Rows: one batch of a members file (dbo.MemberImportRows; SQLite: a JSON array).
SELECT COUNT(*) FROM @Rows AS r JOIN dbo.Members AS m WITH (UPDLOCK, HOLDLOCK) ON m.Account = r.Account;
