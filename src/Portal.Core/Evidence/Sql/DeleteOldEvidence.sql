-- Evidence:KeepDays: days before @Before go, counted or not. A source not read since @SourcesBefore goes too (and is
-- not held): whatever it could still give is older than the days kept, and an import counts nothing that old.
DELETE FROM MemberEvidence WHERE Day < @Before;
DELETE FROM UnmatchedEvidence WHERE Day < @Before;
DELETE FROM EvidenceSources WHERE UpdatedAt < @SourcesBefore AND (LeaseUntil IS NULL OR LeaseUntil < @Now);
