-- A page of a campaign's copies (@Rows: dbo.CampaignCopyRows), addressed from the members' own rows and written when
-- sent (WrittenAtSend). A member who has this campaign's copy already changes nothing: UPDLOCK + HOLDLOCK lock the
-- keys' ranges until the insert commits, as in Enqueue. Returns the members queued.
INSERT INTO dbo.OutboxMessages (DedupKey, MemberId, CampaignId, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, Language, MessageId,
                                Status, Attempts, NextAttemptAt, CreatedAt, WrittenAtSend, LinkId)
OUTPUT inserted.MemberId
SELECT k.DedupKey, m.Id, @CampaignId, 'campaign', m.Email, m.Name, N'', N'', NULL, m.Language, r.MessageId,
       'queued', 0, @Now, @Now, 1, r.LinkId
FROM @Rows AS r
JOIN dbo.Members AS m ON m.Id = r.MemberId
CROSS APPLY (SELECT CAST(CONCAT(N'campaign:', @CampaignId, N':member:', m.Id) AS nvarchar(200)) AS DedupKey) AS k
WHERE NOT EXISTS (SELECT 1 FROM dbo.OutboxMessages WITH (UPDLOCK, HOLDLOCK) WHERE DedupKey = k.DedupKey)
ORDER BY r.Line;
