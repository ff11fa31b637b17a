INSERT INTO OneWayKeySecrets (ProtectedSecret, CreatedAt) VALUES (@ProtectedSecret, @CreatedAt);
