SELECT COUNT(*) AS Count, MIN(At) AS Oldest FROM StaffSignInAttempts WHERE ClientIpHash = @ClientIpHash AND At > @Since;
