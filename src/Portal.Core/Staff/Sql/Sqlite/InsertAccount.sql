INSERT INTO StaffAccounts (Email, Role, PasswordHash, CreatedAt) VALUES (@Email, @Role, @PasswordHash, @CreatedAt)
ON CONFLICT (Email) DO NOTHING;
