-- Per day since @Since: how many members the log shows on a submission service with SMTP-AUTH, and how many on port 25.
SELECT Day,
       COUNT(DISTINCT CASE WHEN Kind = 'submission-auth' THEN MemberId END) AS Submission,
       COUNT(DISTINCT CASE WHEN Kind IN ('port25-noauth', 'port25-auth') THEN MemberId END) AS Port25
FROM MemberEvidence WHERE Day >= @Since GROUP BY Day ORDER BY Day;
