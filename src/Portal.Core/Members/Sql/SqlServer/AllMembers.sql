SELECT Id, Account, Email, Name, Client, Language, Status, CreatedAt, UpdatedAt FROM dbo.Members ORDER BY Account;
