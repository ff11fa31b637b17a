-- Only when no send of this campaign is under way; members already queued are skipped by their outbox key.
UPDATE Campaigns SET SendBaseUrl = @BaseUrl, SendBy = @By, QueuedUpTo = 0 WHERE Id = @Id AND SendBy IS NULL;
