-- Per UTC hour (the text is ISO 8601 in UTC), so at most 24 rows a day leave the database; days are made in the ISP's zone.
SELECT substr(MovedAt, 1, 13) AS Hour, COUNT(*) AS Moved FROM Members WHERE MovedAt IS NOT NULL GROUP BY substr(MovedAt, 1, 13);
