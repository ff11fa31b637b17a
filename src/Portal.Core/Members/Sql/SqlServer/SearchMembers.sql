SELECT TOP (@Limit) Id, Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt FROM dbo.Members
WHERE Account LIKE @Pattern ESCAPE '\' OR Email LIKE @Pattern ESCAPE '\' OR Name LIKE @Pattern ESCAPE '\'
ORDER BY Account;
