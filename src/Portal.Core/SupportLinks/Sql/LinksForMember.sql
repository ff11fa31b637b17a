SELECT Id, Address, Program, Language, SentBy, CreatedAt, ExpiresAt, OpenedAt, Opens FROM SupportLinks WHERE MemberId = @MemberId ORDER BY CreatedAt DESC;
