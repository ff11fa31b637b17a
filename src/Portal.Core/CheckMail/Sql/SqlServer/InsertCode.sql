INSERT INTO dbo.CheckCodes (Token, Code, ClientIpHash, Client, CreatedAt, ExpiresAt)
VALUES (@Token, @Code, @ClientIpHash, @Client, @CreatedAt, @ExpiresAt);
