SELECT COUNT(*) AS Count, MIN(At) AS Oldest FROM dbo.StaffSignInAttempts WITH (UPDLOCK, HOLDLOCK) WHERE ClientIpHash = @ClientIpHash AND At > @Since;
