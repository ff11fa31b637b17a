UPDATE StaffAccounts SET Disabled = 1 WHERE Email = @Email;
