SELECT Id, Email, Role, PasswordHash, Disabled, LockedUntil FROM StaffAccounts WHERE Email = @Email;
