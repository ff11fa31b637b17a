SELECT COUNT(*) AS Count, MIN(CreatedAt) AS Oldest FROM dbo.ScreenReports WITH (UPDLOCK, HOLDLOCK) WHERE ClientIpHash = @ClientIpHash AND CreatedAt > @Since;
