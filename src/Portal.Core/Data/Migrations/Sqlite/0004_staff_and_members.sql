-- Support staff: accounts (passwords hashed by ASP.NET Core Identity's PasswordHasher) and every action they take.
CREATE TABLE StaffAccounts (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    Email          TEXT    NOT NULL UNIQUE,
    Role           TEXT    NOT NULL,
    PasswordHash   TEXT    NOT NULL,
    Disabled       INTEGER NOT NULL DEFAULT 0,
    FailedSignIns  INTEGER NOT NULL DEFAULT 0,
    LockedUntil    TEXT    NULL,
    CreatedAt      TEXT    NOT NULL
);

CREATE TABLE StaffActions (
    Id      INTEGER PRIMARY KEY AUTOINCREMENT,
    Staff   TEXT    NOT NULL,
    Action  TEXT    NOT NULL,
    Detail  TEXT    NOT NULL,
    At      TEXT    NOT NULL
);
CREATE INDEX IX_StaffActions_At ON StaffActions (At);

-- Members the ISP has to move, and their progress: Status only ever rises (see MemberStatus); MovedAt is when it
-- first reached ProbePassed (their account works on 587), for the progress chart.
CREATE TABLE Members (
    Id               INTEGER PRIMARY KEY AUTOINCREMENT,
    Account          TEXT    NOT NULL UNIQUE,
    Email            TEXT    NOT NULL,
    Name             TEXT    NOT NULL,
    Client           TEXT    NULL,
    Language         TEXT    NOT NULL,
    Status           INTEGER NOT NULL DEFAULT 0,
    MovedAt          TEXT    NULL,
    CreatedAt        TEXT    NOT NULL,
    UpdatedAt        TEXT    NOT NULL
);
CREATE INDEX IX_Members_Email ON Members (Email);
CREATE INDEX IX_Members_Status ON Members (Status);

CREATE TABLE MemberEvents (
    Id        INTEGER PRIMARY KEY AUTOINCREMENT,
    MemberId  INTEGER NOT NULL REFERENCES Members (Id),
    Kind      TEXT    NOT NULL,
    Detail    TEXT    NOT NULL,
    At        TEXT    NOT NULL
);
CREATE INDEX IX_MemberEvents_MemberId_At ON MemberEvents (MemberId, At);
CREATE INDEX IX_MemberEvents_Kind_At ON MemberEvents (Kind, At);

-- One row per support link sent: the link itself is signed, this records who sent it and when it was opened.
CREATE TABLE SupportLinks (
    Id         TEXT    NOT NULL PRIMARY KEY,
    MemberId   INTEGER NULL REFERENCES Members (Id),
    Address    TEXT    NOT NULL,
    Client     TEXT    NOT NULL,
    Language   TEXT    NOT NULL,
    SentBy     TEXT    NOT NULL,
    CreatedAt  TEXT    NOT NULL,
    ExpiresAt  TEXT    NOT NULL,
    OpenedAt   TEXT    NULL,
    Opens      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IX_SupportLinks_MemberId ON SupportLinks (MemberId);
