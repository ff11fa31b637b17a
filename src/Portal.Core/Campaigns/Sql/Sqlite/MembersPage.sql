SELECT Id, Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt FROM Members
WHERE Id > @AfterId AND (@NotMovedOnly = 0 OR Status < @Moved) AND (@Program IS NULL OR Program = @Program) AND (@Language IS NULL OR Language = @Language)
ORDER BY Id
LIMIT @Page;
