INSERT INTO SupportLinks (Id, MemberId, Address, Program, Language, SentBy, CreatedAt, ExpiresAt) VALUES (@Id, @MemberId, @Address, @Program, @Language, @SentBy, @CreatedAt, @ExpiresAt);
