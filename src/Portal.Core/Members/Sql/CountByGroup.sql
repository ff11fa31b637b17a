-- Every dashboard count from one pass over a covering index (IX_Members_Program_Language_Status): at most programs x
-- languages x statuses rows leave the database, summed by status, program and language in the portal.
SELECT Program, Language, Status, COUNT(*) AS Count FROM Members GROUP BY Program, Language, Status;
