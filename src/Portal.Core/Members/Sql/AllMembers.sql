SELECT Id, Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt FROM Members ORDER BY Account;
