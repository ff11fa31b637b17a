-- A SQLite database migrated by the portal before the feature folders moved (through 0009_staff_sessions.sql),
-- with one member, dumped as SQL: the journal (SchemaVersions) names each migration by its file name only.
BEGIN TRANSACTION;
CREATE TABLE AutoSetupRequests (
    ClientIpHash  TEXT    NOT NULL,
    WindowStart   TEXT    NOT NULL,
    Requests      INTEGER NOT NULL,
    PRIMARY KEY (ClientIpHash, WindowStart)
) WITHOUT ROWID;
CREATE TABLE Campaigns (
    Id            INTEGER PRIMARY KEY AUTOINCREMENT,
    Name          TEXT    NOT NULL,
    NotMovedOnly  INTEGER NOT NULL,
    Program       TEXT    NULL,
    Language      TEXT    NULL,
    SubjectJa     TEXT    NOT NULL,
    BodyJa        TEXT    NOT NULL,
    SubjectEn     TEXT    NOT NULL,
    BodyEn        TEXT    NOT NULL,
    CreatedBy     TEXT    NOT NULL,
    CreatedAt     TEXT    NOT NULL,
    LastSentAt    TEXT    NULL,
    Queued        INTEGER NOT NULL DEFAULT 0,
    SendBaseUrl   TEXT    NULL,
    SendBy        TEXT    NULL,
    QueuedUpTo    INTEGER NOT NULL DEFAULT 0,
    LeaseOwner    TEXT    NULL,
    LeaseUntil    TEXT    NULL
);
CREATE TABLE CheckCodes (
    Token          TEXT    NOT NULL PRIMARY KEY,
    Code           TEXT    NOT NULL,
    ClientIpHash   TEXT    NOT NULL,
    Client         TEXT    NULL,
    CreatedAt      TEXT    NOT NULL,
    ExpiresAt      TEXT    NOT NULL,
    ReceivedAt     TEXT    NULL,
    Verdict        TEXT    NULL,
    Authenticated  INTEGER NULL,
    Tls            INTEGER NULL,
    Port           INTEGER NULL,
    PortSource     TEXT    NULL,
    SenderProgram  TEXT    NULL,
    SenderIp       TEXT    NULL,
    DynamicIp      INTEGER NULL,
    Protocol       TEXT    NULL,
    Reason         TEXT    NULL
);
CREATE TABLE DataProtectionKeys (
    Id           TEXT NOT NULL PRIMARY KEY,
    FriendlyName TEXT NOT NULL,
    Xml          TEXT NOT NULL,
    CreatedAt    TEXT NOT NULL
);
CREATE TABLE MemberEvents (
    Id        INTEGER PRIMARY KEY AUTOINCREMENT,
    MemberId  INTEGER NOT NULL REFERENCES Members (Id),
    Kind      TEXT    NOT NULL,
    Detail    TEXT    NOT NULL,
    At        TEXT    NOT NULL
);
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
INSERT INTO "Members" VALUES(1,'taro','taro@example.jp','山田 太郎','becky-2','ja',1,NULL,'2026-12-01T09:00:00.0000000+00:00','2026-12-01T09:00:00.0000000+00:00');
CREATE TABLE OutboxMessages (
    Id            INTEGER PRIMARY KEY AUTOINCREMENT,
    DedupKey      TEXT    NOT NULL UNIQUE,
    MemberId      INTEGER NULL,
    CampaignId    INTEGER NULL,
    Kind          TEXT    NOT NULL,
    ToAddress     TEXT    NOT NULL,
    ToName        TEXT    NULL,
    Subject       TEXT    NOT NULL,
    TextBody      TEXT    NOT NULL,
    HtmlBody      TEXT    NULL,
    Language      TEXT    NOT NULL,
    MessageId     TEXT    NOT NULL,
    Status        TEXT    NOT NULL CHECK (Status IN ('queued', 'sent', 'failed')),
    Attempts      INTEGER NOT NULL,
    NextAttemptAt TEXT    NOT NULL,
    LeaseOwner    TEXT    NULL,
    LeaseUntil    TEXT    NULL,
    LastError     TEXT    NULL,
    CreatedAt     TEXT    NOT NULL,
    SentAt        TEXT    NULL
, ErasedAt TEXT NULL);
CREATE TABLE ProbeAttempts (
    Id      INTEGER PRIMARY KEY AUTOINCREMENT,
    Scope   TEXT NOT NULL,
    KeyHash TEXT NOT NULL,
    At      TEXT NOT NULL
);
CREATE TABLE ProbeResults (
    Id         TEXT    NOT NULL PRIMARY KEY,
    Code       TEXT    NOT NULL UNIQUE,
    CreatedAt  TEXT    NOT NULL,
    ExpiresAt  TEXT    NOT NULL,
    Account    TEXT    NOT NULL,
    Host       TEXT    NOT NULL,
    Port       INTEGER NOT NULL,
    Security   TEXT    NOT NULL,
    Client     TEXT    NULL,
    Verdict    TEXT    NOT NULL,
    Diagnosis  TEXT    NOT NULL,
    Steps      TEXT    NOT NULL,
    Transcript TEXT    NOT NULL
);
CREATE TABLE [SchemaVersions] (
    SchemaVersionID INTEGER CONSTRAINT [PK_SchemaVersions_Id] PRIMARY KEY AUTOINCREMENT NOT NULL,
    ScriptName TEXT NOT NULL,
    Applied DATETIME NOT NULL
);
INSERT INTO "SchemaVersions" VALUES(1,'0001_data_protection_keys.sql','2026-12-02 07:27:05.5984275');
INSERT INTO "SchemaVersions" VALUES(2,'0002_probe_attempts_and_results.sql','2026-12-02 07:27:05.6087697');
INSERT INTO "SchemaVersions" VALUES(3,'0003_check_mail_codes.sql','2026-12-02 07:27:05.6101393');
INSERT INTO "SchemaVersions" VALUES(4,'0004_staff_and_members.sql','2026-12-02 07:27:05.6117716');
INSERT INTO "SchemaVersions" VALUES(5,'0005_outbox.sql','2026-12-02 07:27:05.6137124');
INSERT INTO "SchemaVersions" VALUES(6,'0006_campaigns.sql','2026-12-02 07:27:05.614779');
INSERT INTO "SchemaVersions" VALUES(7,'0007_auto_setup_requests.sql','2026-12-02 07:27:05.6156302');
INSERT INTO "SchemaVersions" VALUES(8,'0008_outbox_retention.sql','2026-12-02 07:27:05.6178375');
INSERT INTO "SchemaVersions" VALUES(9,'0009_staff_sessions.sql','2026-12-02 07:27:05.6193414');
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
CREATE TABLE StaffSessions (
    Id         TEXT    NOT NULL PRIMARY KEY,
    AccountId  INTEGER NOT NULL REFERENCES StaffAccounts (Id),
    CreatedAt  TEXT    NOT NULL,
    ExpiresAt  TEXT    NOT NULL,
    EndedAt    TEXT    NULL
);
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
CREATE INDEX IX_ProbeAttempts_Scope_KeyHash_At ON ProbeAttempts (Scope, KeyHash, At);
CREATE INDEX IX_ProbeAttempts_At ON ProbeAttempts (At);
CREATE INDEX IX_ProbeResults_ExpiresAt ON ProbeResults (ExpiresAt);
CREATE UNIQUE INDEX UX_CheckCodes_Code ON CheckCodes (Code);
CREATE INDEX IX_CheckCodes_ClientIpHash_CreatedAt ON CheckCodes (ClientIpHash, CreatedAt);
CREATE INDEX IX_CheckCodes_ExpiresAt ON CheckCodes (ExpiresAt);
CREATE INDEX IX_StaffActions_At ON StaffActions (At);
CREATE INDEX IX_Members_Email ON Members (Email);
CREATE INDEX IX_Members_Status ON Members (Status);
CREATE INDEX IX_MemberEvents_MemberId_At ON MemberEvents (MemberId, At);
CREATE INDEX IX_MemberEvents_Kind_At ON MemberEvents (Kind, At);
CREATE INDEX IX_SupportLinks_MemberId ON SupportLinks (MemberId);
CREATE INDEX IX_OutboxMessages_Status_Id ON OutboxMessages (Status, Id);
CREATE INDEX IX_OutboxMessages_LeaseOwner ON OutboxMessages (LeaseOwner) WHERE LeaseOwner IS NOT NULL;
CREATE INDEX IX_OutboxMessages_MemberId_Id ON OutboxMessages (MemberId, Id) WHERE MemberId IS NOT NULL;
CREATE INDEX IX_AutoSetupRequests_WindowStart ON AutoSetupRequests (WindowStart);
CREATE INDEX IX_OutboxMessages_Unerased_CreatedAt ON OutboxMessages (CreatedAt) WHERE ErasedAt IS NULL;
CREATE INDEX IX_StaffSessions_ExpiresAt ON StaffSessions (ExpiresAt);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('SchemaVersions',9);
INSERT INTO "sqlite_sequence" VALUES('Members',1);
COMMIT;
