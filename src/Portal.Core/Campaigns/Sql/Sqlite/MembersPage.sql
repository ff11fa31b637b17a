SELECT Id, Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt FROM Members
WHERE Id > @AfterId AND (@NotMovedOnly = 0 OR Status < @Moved) AND (@Program IS NULL OR Program = @Program) AND (@Language IS NULL OR Language = @Language)
  AND (@Port25Since IS NULL OR EXISTS (SELECT 1 FROM MemberEvidence AS e WHERE e.MemberId = Members.Id AND e.Kind IN ('port25-noauth', 'port25-auth') AND e.Day >= @Port25Since))
ORDER BY Id
LIMIT @Page;
