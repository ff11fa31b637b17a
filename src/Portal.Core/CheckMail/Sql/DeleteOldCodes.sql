DELETE FROM CheckCodes WHERE ExpiresAt < @Before;
