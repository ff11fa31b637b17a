INSERT INTO StaffSessions (Id, AccountId, CreatedAt, ExpiresAt) VALUES (@Id, @AccountId, @CreatedAt, @ExpiresAt);
