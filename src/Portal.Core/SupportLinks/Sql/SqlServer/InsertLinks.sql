-- A batch of links sent (@Rows: dbo.SupportLinkRows).
INSERT INTO dbo.SupportLinks (Id, MemberId, Address, Program, Language, SentBy, CreatedAt, ExpiresAt)
SELECT r.Id, r.MemberId, r.Address, r.Program, r.Language, @SentBy, @Now, r.ExpiresAt FROM @Rows AS r ORDER BY r.Line;
