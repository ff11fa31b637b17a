SELECT TOP (@Max) Id, Kind, CampaignId, ToAddress, Subject, Language, Status, Attempts, CreatedAt, SentAt, LastError, ErasedAt
FROM dbo.OutboxMessages WHERE MemberId = @MemberId ORDER BY Id DESC;
