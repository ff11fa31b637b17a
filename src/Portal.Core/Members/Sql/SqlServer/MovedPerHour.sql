-- Per UTC hour, so at most 24 rows a day leave the database; days are made in the ISP's zone.
SELECT CONVERT(char(13), SWITCHOFFSET(MovedAt, '+00:00'), 126) AS Hour, COUNT(*) AS Moved
FROM dbo.Members WHERE MovedAt IS NOT NULL
GROUP BY CONVERT(char(13), SWITCHOFFSET(MovedAt, '+00:00'), 126);
