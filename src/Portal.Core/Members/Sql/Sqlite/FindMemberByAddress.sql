SELECT Id, Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt FROM Members WHERE Account = @Address OR Email = @Address COLLATE NOCASE LIMIT 2;
