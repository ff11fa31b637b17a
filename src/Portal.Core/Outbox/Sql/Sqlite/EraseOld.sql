-- Queued rows stay whole whatever their age: they have not been sent yet.
UPDATE OutboxMessages
SET ToAddress = '', ToName = NULL, Subject = '', TextBody = '', HtmlBody = NULL, LastError = NULL, ErasedAt = @Now
WHERE Id IN (SELECT Id FROM OutboxMessages WHERE ErasedAt IS NULL AND CreatedAt < @Before AND Status <> 'queued' ORDER BY CreatedAt LIMIT @Max);
