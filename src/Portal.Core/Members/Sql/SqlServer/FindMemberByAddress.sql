SELECT TOP (2) Id, Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt FROM dbo.Members WHERE Account = @Address OR Email = @Address;
