-- The same guide sent to the same address moments ago: a second click, or a second agent on the same call.
SELECT Id, MemberId, Address, Program, Language, ExpiresAt FROM SupportLinks
WHERE Address = @Address AND Program = @Program AND Language = @Language AND CreatedAt > @Since
ORDER BY CreatedAt DESC;
