-- A member's own program, once known, is kept when a later file leaves it empty.
UPDATE dbo.Members SET Email = @Email, Name = @Name, Program = COALESCE(@Program, Program), Language = @Language, UpdatedAt = @Now
OUTPUT inserted.Id
WHERE Account = @Account;
