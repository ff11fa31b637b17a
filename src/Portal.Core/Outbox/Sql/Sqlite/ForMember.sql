SELECT Id, Kind, CampaignId, ToAddress, Subject, Language, Status, Attempts, CreatedAt, SentAt, LastError, ErasedAt
FROM OutboxMessages WHERE MemberId = @MemberId ORDER BY Id DESC LIMIT @Max;
