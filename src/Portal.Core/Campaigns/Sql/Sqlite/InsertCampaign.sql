INSERT INTO Campaigns (Name, NotMovedOnly, Program, Language, SubjectJa, BodyJa, SubjectEn, BodyEn, CreatedBy, CreatedAt)
VALUES (@Name, @NotMovedOnly, @Program, @Language, @SubjectJa, @BodyJa, @SubjectEn, @BodyEn, @CreatedBy, @CreatedAt)
RETURNING Id;
