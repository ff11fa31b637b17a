DELETE FROM dbo.AutoSetupRequests WHERE WindowStart < @Before;
