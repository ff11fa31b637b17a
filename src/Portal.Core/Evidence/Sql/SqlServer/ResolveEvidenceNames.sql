-- @Rows: dbo.EvidenceNames (SQLite: a JSON array). MatchBy 0: a member's account, else their address; 1: account
-- only; 2: address only (a sender). A name belongs to a member only when exactly one member has it (MIN = MAX); none or
-- several: NULL, counted as not matched. The database's collation compares without case.
SELECT r.Line,
       CASE r.MatchBy WHEN 1 THEN a.MemberId WHEN 2 THEN e.MemberId ELSE COALESCE(a.MemberId, e.MemberId) END AS MemberId
FROM @Rows AS r
OUTER APPLY (SELECT CASE WHEN MIN(m.Id) = MAX(m.Id) THEN MIN(m.Id) END AS MemberId FROM dbo.Members AS m WHERE r.MatchBy <> 2 AND m.Account = r.Name) AS a
OUTER APPLY (SELECT CASE WHEN MIN(m.Id) = MAX(m.Id) THEN MIN(m.Id) END AS MemberId FROM dbo.Members AS m WHERE r.MatchBy <> 1 AND m.Email = r.Name) AS e;
