INSERT INTO Members (Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt)
VALUES (@Account, @Email, @Name, @Program, @Language, 0, @Now, @Now)
RETURNING Id;
