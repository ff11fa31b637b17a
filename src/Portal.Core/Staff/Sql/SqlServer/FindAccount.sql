SELECT Id, Email, Role, PasswordHash, Disabled, LockedUntil FROM dbo.StaffAccounts WHERE Email = @Email;
