-- A batch of messages (@Rows: dbo.OutboxRows); a message whose DedupKey is already here changes nothing, so queuing is
-- idempotent, also across nodes: UPDLOCK + HOLDLOCK lock the keys' ranges in the unique index until the insert
-- commits, so two sessions queuing the same key at once cannot both pass the NOT EXISTS. Returns the keys added.
INSERT INTO dbo.OutboxMessages (DedupKey, MemberId, CampaignId, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, Language, MessageId,
                                Status, Attempts, NextAttemptAt, CreatedAt)
OUTPUT inserted.DedupKey
SELECT r.DedupKey, r.MemberId, r.CampaignId, r.Kind, r.ToAddress, r.ToName, r.Subject, r.TextBody, r.HtmlBody, r.Language, r.MessageId,
       'queued', 0, @Now, @Now
FROM @Rows AS r
WHERE NOT EXISTS (SELECT 1 FROM dbo.OutboxMessages WITH (UPDLOCK, HOLDLOCK) WHERE DedupKey = r.DedupKey)
ORDER BY r.Line;
