SELECT Status, COUNT(*) AS Count FROM Members GROUP BY Status;
