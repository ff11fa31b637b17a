-- Queued rows stay whole whatever their age: they have not been sent yet.
UPDATE TOP (@Max) dbo.OutboxMessages
SET ToAddress = N'', ToName = NULL, Subject = N'', TextBody = N'', HtmlBody = NULL, LastError = NULL, ErasedAt = @Now
WHERE ErasedAt IS NULL AND CreatedAt < @Before AND Status <> 'queued';
