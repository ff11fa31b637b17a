-- A batch of messages (@Rows: JSON arrays of [line, DedupKey, MemberId, CampaignId, Kind, ToAddress, ToName, Subject,
-- TextBody, HtmlBody, Language, MessageId]); a message whose DedupKey is already here changes nothing, so queuing is
-- idempotent, also across nodes. Returns the keys that were added.
INSERT INTO OutboxMessages (DedupKey, MemberId, CampaignId, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, Language, MessageId,
                            Status, Attempts, NextAttemptAt, CreatedAt)
SELECT value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11,
       'queued', 0, @Now, @Now
FROM json_each(@Rows) WHERE true ORDER BY key
ON CONFLICT (DedupKey) DO NOTHING
RETURNING DedupKey;
