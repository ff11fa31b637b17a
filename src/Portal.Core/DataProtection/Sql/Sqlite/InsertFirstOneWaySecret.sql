-- Only when there is none yet: nodes starting together all end up with the one secret that got in.
INSERT INTO OneWayKeySecrets (ProtectedSecret, CreatedAt)
SELECT @ProtectedSecret, @CreatedAt WHERE NOT EXISTS (SELECT 1 FROM OneWayKeySecrets);
