-- One statement: two wrong passwords at once on two nodes both count.
UPDATE dbo.StaffAccounts
SET FailedSignIns = CASE WHEN FailedSignIns + 1 >= @Limit THEN 0 ELSE FailedSignIns + 1 END,
    LockedUntil = CASE WHEN FailedSignIns + 1 >= @Limit THEN @Until ELSE LockedUntil END
OUTPUT inserted.LockedUntil
WHERE Id = @Id;
