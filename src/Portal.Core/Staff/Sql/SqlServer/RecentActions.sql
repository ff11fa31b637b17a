SELECT TOP (@Count) Staff, Action, Detail, At FROM dbo.StaffActions ORDER BY Id DESC;
