-- Every member for the export, with what the mail server's log last showed of them (over the days it keeps): the last
-- message on port 25 and the first on a submission service with SMTP-AUTH. One index seek each per member.
SELECT m.Id, m.Account, m.Email, m.Name, m.Program, m.Language, m.Status, m.CreatedAt, m.UpdatedAt,
       (SELECT MAX(e.LastAt) FROM MemberEvidence AS e WHERE e.MemberId = m.Id AND e.Kind IN ('port25-noauth', 'port25-auth')) AS LastPort25,
       (SELECT MIN(e.FirstAt) FROM MemberEvidence AS e WHERE e.MemberId = m.Id AND e.Kind = 'submission-auth') AS FirstSubmission
FROM Members AS m ORDER BY m.Account;
