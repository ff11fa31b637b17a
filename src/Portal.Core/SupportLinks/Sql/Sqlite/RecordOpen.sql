-- Returns the opens so far: 1 means this was the first.
UPDATE SupportLinks SET OpenedAt = COALESCE(OpenedAt, @Now), Opens = Opens + 1 WHERE Id = @Id RETURNING Opens;
