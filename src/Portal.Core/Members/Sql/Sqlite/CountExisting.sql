-- @Rows: one batch of a members file as a JSON array of [line, account, email, name, program, language] (SQL Server: a
-- table-valued parameter); CROSS JOIN keeps the batch as the outer loop.
SELECT COUNT(*) FROM json_each(@Rows) AS r CROSS JOIN Members AS m WHERE m.Account = r.value ->> 1;
