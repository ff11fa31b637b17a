-- Failed staff sign-ins per client address, across all accounts: one address trying many staff addresses is stopped
-- even though no single account reaches its lockout. Keyed by a one-way key, not the address.
CREATE TABLE dbo.StaffSignInAttempts (
    Id               bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_StaffSignInAttempts PRIMARY KEY,
    ClientIpHash     char(64)              NOT NULL,
    At               datetimeoffset(7)     NOT NULL
);
CREATE INDEX IX_StaffSignInAttempts_ClientIpHash_At ON dbo.StaffSignInAttempts (ClientIpHash, At);
CREATE INDEX IX_StaffSignInAttempts_At ON dbo.StaffSignInAttempts (At);
