SELECT Id, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, MessageId, Attempts, CreatedAt
FROM OutboxMessages WHERE LeaseOwner = @LeaseOwner AND Status = 'queued' ORDER BY Id;
