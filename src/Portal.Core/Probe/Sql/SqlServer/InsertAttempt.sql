INSERT INTO dbo.ProbeAttempts (Scope, KeyHash, At) VALUES (@Scope, @KeyHash, @At);
