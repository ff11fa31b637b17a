-- One member's evidence per kind over the days kept.
SELECT Kind, SUM(Count) AS Count, MIN(FirstAt) AS FirstAt, MAX(LastAt) AS LastAt FROM MemberEvidence WHERE MemberId = @MemberId GROUP BY Kind;
