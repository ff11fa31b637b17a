SELECT Id, Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt FROM Members
WHERE Account LIKE @Pattern ESCAPE '\' OR Email LIKE @Pattern ESCAPE '\' OR Name LIKE @Pattern ESCAPE '\'
ORDER BY Account
LIMIT @Limit;
