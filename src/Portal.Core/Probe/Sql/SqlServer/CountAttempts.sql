SELECT COUNT(*) AS Count, MIN(At) AS Oldest FROM dbo.ProbeAttempts WITH (UPDLOCK, HOLDLOCK) WHERE Scope = @Scope AND KeyHash = @KeyHash AND At > @Since;
