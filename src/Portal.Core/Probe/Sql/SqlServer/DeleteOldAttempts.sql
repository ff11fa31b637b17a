DELETE FROM dbo.ProbeAttempts WHERE At < @Before;
