SELECT a.Id, a.Email, a.Role, a.Disabled, s.ExpiresAt, s.EndedAt
FROM StaffSessions s JOIN StaffAccounts a ON a.Id = s.AccountId
WHERE s.Id = @Id;
