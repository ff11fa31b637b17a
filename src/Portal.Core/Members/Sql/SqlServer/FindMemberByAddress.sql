SELECT TOP (2) Id, Account, Email, Name, Client, Language, Status, CreatedAt, UpdatedAt FROM dbo.Members WHERE Account = @Address OR Email = @Address;
