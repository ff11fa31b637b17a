SELECT Id, Kind, MemberId, CampaignId, ToAddress, ToName, Subject, TextBody, HtmlBody, Language, MessageId, Attempts, CreatedAt, WrittenAtSend, LinkId
FROM OutboxMessages WHERE LeaseOwner = @LeaseOwner AND Status = 'queued' ORDER BY Id;
