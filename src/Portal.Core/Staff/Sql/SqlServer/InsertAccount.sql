INSERT INTO dbo.StaffAccounts (Email, Role, PasswordHash, CreatedAt)
SELECT @Email, @Role, @PasswordHash, @CreatedAt
WHERE NOT EXISTS (SELECT 1 FROM dbo.StaffAccounts WITH (UPDLOCK, HOLDLOCK) WHERE Email = @Email);
