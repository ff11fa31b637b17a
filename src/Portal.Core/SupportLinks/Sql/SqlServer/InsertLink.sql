INSERT INTO dbo.SupportLinks (Id, MemberId, Address, Client, Language, SentBy, CreatedAt, ExpiresAt) VALUES (@Id, @MemberId, @Address, @Client, @Language, @SentBy, @CreatedAt, @ExpiresAt);
