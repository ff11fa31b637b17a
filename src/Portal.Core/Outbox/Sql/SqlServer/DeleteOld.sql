-- Queued rows stay whatever their age: they have not been sent yet.
DELETE TOP (@Max) FROM dbo.OutboxMessages WHERE CreatedAt < @Before AND Status <> 'queued';
