-- Returns the opens so far: 1 means this was the first.
UPDATE dbo.SupportLinks SET OpenedAt = COALESCE(OpenedAt, @Now), Opens = Opens + 1 OUTPUT inserted.Opens WHERE Id = @Id;
