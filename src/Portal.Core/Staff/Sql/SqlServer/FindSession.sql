SELECT a.Id, a.Email, a.Role, a.Disabled, s.ExpiresAt, s.EndedAt
FROM dbo.StaffSessions s JOIN dbo.StaffAccounts a ON a.Id = s.AccountId
WHERE s.Id = @Id;
