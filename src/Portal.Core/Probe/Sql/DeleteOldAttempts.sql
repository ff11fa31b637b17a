DELETE FROM ProbeAttempts WHERE At < @Before;
