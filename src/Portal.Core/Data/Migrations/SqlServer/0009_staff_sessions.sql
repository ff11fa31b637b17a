-- Staff sessions on the server: the cookie names a row, so signing out (or the absolute lifetime, Staff:SessionMaxHours)
-- ends the session for every copy of the cookie, not only in the browser that signed out.
CREATE TABLE dbo.StaffSessions (
    Id         varchar(64)        NOT NULL CONSTRAINT PK_StaffSessions PRIMARY KEY,
    AccountId  int                NOT NULL CONSTRAINT FK_StaffSessions_StaffAccounts REFERENCES dbo.StaffAccounts (Id),
    CreatedAt  datetimeoffset(7)  NOT NULL,
    ExpiresAt  datetimeoffset(7)  NOT NULL,
    EndedAt    datetimeoffset(7)  NULL
);
CREATE INDEX IX_StaffSessions_ExpiresAt ON dbo.StaffSessions (ExpiresAt);
