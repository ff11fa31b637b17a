INSERT INTO dbo.Campaigns (Name, NotMovedOnly, Program, Language, Port25WithinDays, SubjectJa, BodyJa, SubjectEn, BodyEn, CreatedBy, CreatedAt)
OUTPUT inserted.Id
VALUES (@Name, @NotMovedOnly, @Program, @Language, @Port25WithinDays, @SubjectJa, @BodyJa, @SubjectEn, @BodyEn, @CreatedBy, @CreatedAt);
