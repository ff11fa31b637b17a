DELETE FROM dbo.CheckCodes WHERE ExpiresAt < @Before;
