-- One statement decides whether this attempt gets its password checked, before it is checked: parallel attempts each
-- take one of the allowed tries, and the one that takes the last sets the lock. A lock that has run out starts the
-- count again. A locked account updates nothing.
UPDATE StaffAccounts
SET FailedSignIns = CASE WHEN LockedUntil IS NOT NULL THEN 1 ELSE FailedSignIns + 1 END,
    LockedUntil = CASE WHEN (CASE WHEN LockedUntil IS NOT NULL THEN 1 ELSE FailedSignIns + 1 END) >= @Limit THEN @Until ELSE NULL END
WHERE Email = @Email AND (LockedUntil IS NULL OR LockedUntil <= @Now)
RETURNING Id, Email, Role, PasswordHash, Disabled, LockedUntil;
