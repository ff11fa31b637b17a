-- A member's own program, once known, is kept when a later file leaves it empty.
UPDATE Members SET Email = @Email, Name = @Name, Program = COALESCE(@Program, Program), Language = @Language, UpdatedAt = @Now
WHERE Account = @Account
RETURNING Id;
