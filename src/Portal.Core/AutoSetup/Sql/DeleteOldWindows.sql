DELETE FROM AutoSetupRequests WHERE WindowStart < @Before;
