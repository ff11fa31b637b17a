SELECT Id, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, MessageId, Attempts, CreatedAt
FROM dbo.OutboxMessages WHERE LeaseOwner = @LeaseOwner AND Status = 'queued' ORDER BY Id;
