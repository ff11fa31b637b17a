UPDATE StaffAccounts SET FailedSignIns = 0, LockedUntil = NULL, PasswordHash = COALESCE(@PasswordHash, PasswordHash) WHERE Id = @Id;
