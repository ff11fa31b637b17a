DELETE FROM dbo.ProbeResults WHERE ExpiresAt < @Now;
