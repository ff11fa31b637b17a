SELECT Program AS Grp, COUNT(*) AS Members, SUM(CASE WHEN Status >= @Moved THEN 1 ELSE 0 END) AS Moved FROM Members GROUP BY Program ORDER BY COUNT(*) DESC, Program;
