-- A page of a campaign's copies (@Rows: JSON arrays of [line, MemberId, LinkId, MessageId]), addressed from the
-- members' own rows and written when sent (WrittenAtSend). A member who has this campaign's copy already changes
-- nothing (the DedupKey). Returns the members queued.
INSERT INTO OutboxMessages (DedupKey, MemberId, CampaignId, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, Language, MessageId,
                            Status, Attempts, NextAttemptAt, CreatedAt, WrittenAtSend, LinkId)
SELECT 'campaign:' || @CampaignId || ':member:' || m.Id, m.Id, @CampaignId, 'campaign', m.Email, m.Name, '', '', NULL, m.Language, r.value ->> 3,
       'queued', 0, @Now, @Now, 1, r.value ->> 2
FROM json_each(@Rows) AS r JOIN Members AS m ON m.Id = r.value ->> 1
WHERE true ORDER BY r.key
ON CONFLICT (DedupKey) DO NOTHING
RETURNING MemberId;
