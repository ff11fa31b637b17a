-- Per member (then per program): seen on a submission service over the days kept, seen on port 25 since @Port25Since;
-- moved by the log = the first without the second (Evidence:MovedAfterDays).
SELECT m.Program AS Program,
       SUM(CASE WHEN p.Submission > 0 THEN 1 ELSE 0 END) AS Submission,
       SUM(CASE WHEN p.Port25 > 0 THEN 1 ELSE 0 END) AS Port25,
       SUM(CASE WHEN p.Submission > 0 AND p.Port25 = 0 THEN 1 ELSE 0 END) AS Moved
FROM (SELECT MemberId,
             SUM(CASE WHEN Kind = 'submission-auth' THEN 1 ELSE 0 END) AS Submission,
             SUM(CASE WHEN Kind IN ('port25-noauth', 'port25-auth') AND Day >= @Port25Since THEN 1 ELSE 0 END) AS Port25
      FROM MemberEvidence GROUP BY MemberId) AS p
JOIN Members AS m ON m.Id = p.MemberId
GROUP BY m.Program;
