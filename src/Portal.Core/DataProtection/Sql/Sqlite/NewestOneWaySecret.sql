SELECT ProtectedSecret FROM OneWayKeySecrets ORDER BY Id DESC LIMIT 1;
