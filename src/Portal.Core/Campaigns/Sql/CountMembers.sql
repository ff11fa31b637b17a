SELECT COUNT(*) FROM Members
WHERE (@NotMovedOnly = 0 OR Status < @Moved) AND (@Program IS NULL OR Program = @Program) AND (@Language IS NULL OR Language = @Language);
