INSERT INTO Campaigns (Name, NotMovedOnly, Program, Language, Port25WithinDays, SubjectJa, BodyJa, SubjectEn, BodyEn, CreatedBy, CreatedAt)
VALUES (@Name, @NotMovedOnly, @Program, @Language, @Port25WithinDays, @SubjectJa, @BodyJa, @SubjectEn, @BodyEn, @CreatedBy, @CreatedAt)
RETURNING Id;
