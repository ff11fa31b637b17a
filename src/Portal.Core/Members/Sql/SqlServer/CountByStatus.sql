SELECT Status, COUNT(*) AS Count FROM dbo.Members GROUP BY Status;
