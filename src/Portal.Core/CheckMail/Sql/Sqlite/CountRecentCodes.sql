SELECT COUNT(*) AS Count, MIN(CreatedAt) AS Oldest FROM CheckCodes WHERE ClientIpHash = @ClientIpHash AND CreatedAt > @Since;
