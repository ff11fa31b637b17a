SELECT COUNT(*) AS Count, MIN(At) AS Oldest FROM ProbeAttempts WHERE Scope = @Scope AND KeyHash = @KeyHash AND At > @Since;
