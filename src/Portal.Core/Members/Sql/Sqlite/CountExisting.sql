-- @Rows: one batch of a members file as a JSON array of [line, account, email, name, program, language] (SQL Server: a table-valued parameter).
SELECT COUNT(*) FROM json_each(@Rows) AS r JOIN Members AS m ON m.Account = r.value ->> 1;
