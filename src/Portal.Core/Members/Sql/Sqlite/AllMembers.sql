SELECT Id, Account, Email, Name, Client, Language, Status, CreatedAt, UpdatedAt FROM Members ORDER BY Account;
