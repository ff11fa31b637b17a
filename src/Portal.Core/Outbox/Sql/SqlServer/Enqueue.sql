-- A second message with the same DedupKey changes nothing (0 rows): queuing is idempotent, also across nodes.
-- UPDLOCK + HOLDLOCK lock the key's range in the unique index until the insert commits, so two sessions queuing
-- the same key at once cannot both pass the NOT EXISTS.
INSERT INTO dbo.OutboxMessages (DedupKey, MemberId, CampaignId, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, Language, MessageId,
                                Status, Attempts, NextAttemptAt, CreatedAt)
SELECT @DedupKey, @MemberId, @CampaignId, @Kind, @ToAddress, @ToName, @Subject, @TextBody, @HtmlBody, @Language, @MessageId,
       'queued', 0, @CreatedAt, @CreatedAt
WHERE NOT EXISTS (SELECT 1 FROM dbo.OutboxMessages WITH (UPDLOCK, HOLDLOCK) WHERE DedupKey = @DedupKey);
