SELECT Id, Name, NotMovedOnly, Program, Language, SubjectJa, BodyJa, SubjectEn, BodyEn, CreatedBy, CreatedAt, LastSentAt, Queued, SendBy, SendBaseUrl, QueuedUpTo FROM Campaigns ORDER BY Id DESC;
