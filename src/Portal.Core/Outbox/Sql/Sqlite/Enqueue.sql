-- A second message with the same DedupKey changes nothing (0 rows): queuing is idempotent, also across nodes.
INSERT INTO OutboxMessages (DedupKey, MemberId, CampaignId, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, Language, MessageId,
                            Status, Attempts, NextAttemptAt, CreatedAt)
VALUES (@DedupKey, @MemberId, @CampaignId, @Kind, @ToAddress, @ToName, @Subject, @TextBody, @HtmlBody, @Language, @MessageId,
        'queued', 0, @CreatedAt, @CreatedAt)
ON CONFLICT (DedupKey) DO NOTHING;
