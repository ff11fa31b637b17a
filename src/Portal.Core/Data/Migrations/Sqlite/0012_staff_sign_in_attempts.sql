-- Failed staff sign-ins per client address, across all accounts: one address trying many staff addresses is stopped
-- even though no single account reaches its lockout. Keyed by a one-way key, not the address.
CREATE TABLE StaffSignInAttempts (
    Id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ClientIpHash     TEXT    NOT NULL,
    At               TEXT    NOT NULL
);
CREATE INDEX IX_StaffSignInAttempts_ClientIpHash_At ON StaffSignInAttempts (ClientIpHash, At);
CREATE INDEX IX_StaffSignInAttempts_At ON StaffSignInAttempts (At);
