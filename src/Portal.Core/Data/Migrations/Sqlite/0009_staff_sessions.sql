-- Staff sessions on the server: the cookie names a row, so signing out (or the absolute lifetime, Staff:SessionMaxHours)
-- ends the session for every copy of the cookie, not only in the browser that signed out.
CREATE TABLE StaffSessions (
    Id         TEXT    NOT NULL PRIMARY KEY,
    AccountId  INTEGER NOT NULL REFERENCES StaffAccounts (Id),
    CreatedAt  TEXT    NOT NULL,
    ExpiresAt  TEXT    NOT NULL,
    EndedAt    TEXT    NULL
);
CREATE INDEX IX_StaffSessions_ExpiresAt ON StaffSessions (ExpiresAt);
