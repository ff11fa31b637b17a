-- @Rows: JSON array of [line, name, match] (SQL Server: dbo.EvidenceNames). Match 0: a member's account, else their
-- address; 1: account only; 2: address only (a sender). A name belongs to a member only when exactly one member has it
-- (MIN = MAX); none or several: NULL, counted as not matched. COLLATE NOCASE lets the case-free indexes answer.
SELECT r.value ->> 0 AS Line,
       CASE r.value ->> 2
           WHEN 1 THEN (SELECT CASE WHEN MIN(Id) = MAX(Id) THEN MIN(Id) END FROM Members WHERE Account = r.value ->> 1 COLLATE NOCASE)
           WHEN 2 THEN (SELECT CASE WHEN MIN(Id) = MAX(Id) THEN MIN(Id) END FROM Members WHERE Email = r.value ->> 1 COLLATE NOCASE)
           ELSE COALESCE((SELECT CASE WHEN MIN(Id) = MAX(Id) THEN MIN(Id) END FROM Members WHERE Account = r.value ->> 1 COLLATE NOCASE),
                         (SELECT CASE WHEN MIN(Id) = MAX(Id) THEN MIN(Id) END FROM Members WHERE Email = r.value ->> 1 COLLATE NOCASE))
       END AS MemberId
FROM json_each(@Rows) AS r;
