-- Support staff: accounts (passwords hashed by ASP.NET Core Identity's PasswordHasher) and every action they take.
CREATE TABLE dbo.StaffAccounts (
    Id             int IDENTITY(1, 1)  NOT NULL CONSTRAINT PK_StaffAccounts PRIMARY KEY,
    Email          nvarchar(320)       NOT NULL CONSTRAINT UQ_StaffAccounts_Email UNIQUE,
    Role           varchar(16)         NOT NULL,
    PasswordHash   varchar(200)        NOT NULL,
    Disabled       bit                 NOT NULL CONSTRAINT DF_StaffAccounts_Disabled DEFAULT 0,
    FailedSignIns  int                 NOT NULL CONSTRAINT DF_StaffAccounts_FailedSignIns DEFAULT 0,
    LockedUntil    datetimeoffset(7)   NULL,
    CreatedAt      datetimeoffset(7)   NOT NULL
);

CREATE TABLE dbo.StaffActions (
    Id      bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_StaffActions PRIMARY KEY,
    Staff   nvarchar(320)         NOT NULL,
    Action  varchar(32)           NOT NULL,
    Detail  nvarchar(1000)        NOT NULL,
    At      datetimeoffset(7)     NOT NULL
);
CREATE INDEX IX_StaffActions_At ON dbo.StaffActions (At);

-- Members the ISP has to move, and their progress: Status only ever rises (see MemberStatus); MovedAt is when it
-- first reached ProbePassed (their account works on 587), for the progress chart.
CREATE TABLE dbo.Members (
    Id         bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Members PRIMARY KEY,
    Account    nvarchar(320)         NOT NULL CONSTRAINT UQ_Members_Account UNIQUE,
    Email      nvarchar(320)         NOT NULL,
    Name       nvarchar(200)         NOT NULL,
    Client     varchar(64)           NULL,
    Language   varchar(8)            NOT NULL,
    Status     int                   NOT NULL CONSTRAINT DF_Members_Status DEFAULT 0,
    MovedAt    datetimeoffset(7)     NULL,
    CreatedAt  datetimeoffset(7)     NOT NULL,
    UpdatedAt  datetimeoffset(7)     NOT NULL
);
CREATE INDEX IX_Members_Email ON dbo.Members (Email);
CREATE INDEX IX_Members_Status ON dbo.Members (Status);

CREATE TABLE dbo.MemberEvents (
    Id        bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_MemberEvents PRIMARY KEY,
    MemberId  bigint                NOT NULL CONSTRAINT FK_MemberEvents_Members REFERENCES dbo.Members (Id),
    Kind      varchar(32)           NOT NULL,
    Detail    nvarchar(1000)        NOT NULL,
    At        datetimeoffset(7)     NOT NULL
);
CREATE INDEX IX_MemberEvents_MemberId_At ON dbo.MemberEvents (MemberId, At);
CREATE INDEX IX_MemberEvents_Kind_At ON dbo.MemberEvents (Kind, At);

-- One row per support link sent: the link itself is signed, this records who sent it and when it was opened.
CREATE TABLE dbo.SupportLinks (
    Id         uniqueidentifier   NOT NULL CONSTRAINT PK_SupportLinks PRIMARY KEY,
    MemberId   bigint             NULL CONSTRAINT FK_SupportLinks_Members REFERENCES dbo.Members (Id),
    Address    nvarchar(320)      NOT NULL,
    Client     varchar(64)        NOT NULL,
    Language   varchar(8)         NOT NULL,
    SentBy     nvarchar(320)      NOT NULL,
    CreatedAt  datetimeoffset(7)  NOT NULL,
    ExpiresAt  datetimeoffset(7)  NOT NULL,
    OpenedAt   datetimeoffset(7)  NULL,
    Opens      int                NOT NULL CONSTRAINT DF_SupportLinks_Opens DEFAULT 0
);
CREATE INDEX IX_SupportLinks_MemberId ON dbo.SupportLinks (MemberId);
