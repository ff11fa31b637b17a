INSERT INTO ProbeAttempts (Scope, KeyHash, At) VALUES (@Scope, @KeyHash, @At);
