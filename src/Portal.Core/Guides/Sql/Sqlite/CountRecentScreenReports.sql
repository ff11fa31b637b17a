SELECT COUNT(*) AS Count, MIN(CreatedAt) AS Oldest FROM ScreenReports WHERE ClientIpHash = @ClientIpHash AND CreatedAt > @Since;
