INSERT INTO dbo.Members (Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt)
OUTPUT inserted.Id
VALUES (@Account, @Email, @Name, @Program, @Language, 0, @Now, @Now);
