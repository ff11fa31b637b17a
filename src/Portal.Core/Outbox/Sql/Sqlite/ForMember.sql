-- A campaign copy not yet written has no subject of its own: its campaign's name stands for it.
SELECT o.Id, o.Kind, o.CampaignId, o.ToAddress,
       CASE WHEN o.WrittenAtSend = 1 AND o.Subject = '' THEN COALESCE(c.Name, '') ELSE o.Subject END AS Subject,
       o.Language, o.Status, o.Attempts, o.CreatedAt, o.SentAt, o.LastError, o.ErasedAt
FROM OutboxMessages AS o LEFT JOIN Campaigns AS c ON c.Id = o.CampaignId
WHERE o.MemberId = @MemberId ORDER BY o.Id DESC LIMIT @Max;
