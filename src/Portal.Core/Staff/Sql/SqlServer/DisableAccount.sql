UPDATE dbo.StaffAccounts SET Disabled = 1 WHERE Email = @Email;
