INSERT INTO CheckCodes (Token, Code, ClientIpHash, Program, CreatedAt, ExpiresAt)
VALUES (@Token, @Code, @ClientIpHash, @Program, @CreatedAt, @ExpiresAt);
