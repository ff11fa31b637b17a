SELECT COUNT(*) AS Count, MIN(CreatedAt) AS Oldest FROM dbo.CheckCodes WITH (UPDLOCK, HOLDLOCK) WHERE ClientIpHash = @ClientIpHash AND CreatedAt > @Since;
