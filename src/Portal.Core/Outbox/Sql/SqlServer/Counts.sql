SELECT Status, COUNT(*) AS Count FROM dbo.OutboxMessages GROUP BY Status;
