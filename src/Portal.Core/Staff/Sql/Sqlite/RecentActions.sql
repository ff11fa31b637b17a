SELECT Staff, Action, Detail, At FROM StaffActions ORDER BY Id DESC LIMIT @Count;
