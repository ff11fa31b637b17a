-- Queued rows stay whatever their age: they have not been sent yet.
DELETE FROM OutboxMessages
WHERE Id IN (SELECT Id FROM OutboxMessages WHERE CreatedAt < @Before AND Status <> 'queued' ORDER BY CreatedAt LIMIT @Max);
