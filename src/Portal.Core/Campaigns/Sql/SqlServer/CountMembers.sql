SELECT COUNT(*) FROM dbo.Members
WHERE (@NotMovedOnly = 0 OR Status < @Moved) AND (@Program IS NULL OR Client = @Program) AND (@Language IS NULL OR Language = @Language);
