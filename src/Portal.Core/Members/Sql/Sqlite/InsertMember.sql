INSERT INTO Members (Account, Email, Name, Client, Language, Status, CreatedAt, UpdatedAt)
VALUES (@Account, @Email, @Name, @Client, @Language, 0, @Now, @Now)
RETURNING Id;
