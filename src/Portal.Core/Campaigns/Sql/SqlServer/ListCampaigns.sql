SELECT Id, Name, NotMovedOnly, Program, Language, SubjectJa, BodyJa, SubjectEn, BodyEn, CreatedBy, CreatedAt, LastSentAt, Queued FROM dbo.Campaigns ORDER BY Id DESC;
