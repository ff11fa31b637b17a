SELECT Id, Account, Email, Name, Client, Language, Status, CreatedAt, UpdatedAt FROM Members WHERE Account = @Address OR Email = @Address COLLATE NOCASE LIMIT 2;
