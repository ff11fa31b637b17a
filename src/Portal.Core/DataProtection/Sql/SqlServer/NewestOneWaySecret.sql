SELECT TOP (1) ProtectedSecret FROM OneWayKeySecrets ORDER BY Id DESC;
