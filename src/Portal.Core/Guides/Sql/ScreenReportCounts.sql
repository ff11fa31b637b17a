-- Per guide and step, most reported first: where a guide most needs looking at.
SELECT Guide, Step, COUNT(*) AS Reports, SUM(CASE WHEN Language = 'ja' THEN 1 ELSE 0 END) AS Japanese, MAX(CreatedAt) AS Latest
FROM ScreenReports
GROUP BY Guide, Step
ORDER BY COUNT(*) DESC, MAX(CreatedAt) DESC;
