SELECT Status, COUNT(*) AS Count FROM OutboxMessages GROUP BY Status;
