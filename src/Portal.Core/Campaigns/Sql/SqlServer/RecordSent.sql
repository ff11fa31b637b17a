UPDATE dbo.Campaigns SET LastSentAt = @Now, Queued = Queued + @Queued WHERE Id = @Id;
