-- Per UTC hour (strftime turns any stored offset into UTC), so at most 24 rows a day leave the database; days are made in the ISP's zone.
SELECT strftime('%Y-%m-%dT%H', MovedAt) AS Hour, COUNT(*) AS Moved FROM Members WHERE MovedAt IS NOT NULL GROUP BY strftime('%Y-%m-%dT%H', MovedAt);
