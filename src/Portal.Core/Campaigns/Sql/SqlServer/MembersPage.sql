SELECT TOP (@Page) Id, Account, Email, Name, Client, Language, Status, CreatedAt, UpdatedAt FROM dbo.Members
WHERE Id > @AfterId AND (@NotMovedOnly = 0 OR Status < @Moved) AND (@Program IS NULL OR Client = @Program) AND (@Language IS NULL OR Language = @Language)
ORDER BY Id;
