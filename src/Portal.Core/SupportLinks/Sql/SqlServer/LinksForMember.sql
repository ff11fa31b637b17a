SELECT Id, Address, Client, Language, SentBy, CreatedAt, ExpiresAt, OpenedAt, Opens FROM dbo.SupportLinks WHERE MemberId = @MemberId ORDER BY CreatedAt DESC;
