INSERT INTO dbo.Members (Account, Email, Name, Client, Language, Status, CreatedAt, UpdatedAt)
OUTPUT inserted.Id
VALUES (@Account, @Email, @Name, @Client, @Language, 0, @Now, @Now);
