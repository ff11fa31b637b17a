-- Probe throttles and results live in the database, so limits hold across web nodes and restarts.
-- Keys are hashes: the throttle table holds no account name or address.
CREATE TABLE dbo.ProbeAttempts (
    Id      bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ProbeAttempts PRIMARY KEY,
    Scope   varchar(16)           NOT NULL,
    KeyHash char(64)              NOT NULL,
    At      datetimeoffset(7)     NOT NULL
);
CREATE INDEX IX_ProbeAttempts_Scope_KeyHash_At ON dbo.ProbeAttempts (Scope, KeyHash, At);
CREATE INDEX IX_ProbeAttempts_At ON dbo.ProbeAttempts (At);

-- A probe's outcome for the member and support; never a password.
CREATE TABLE dbo.ProbeResults (
    Id         uniqueidentifier  NOT NULL CONSTRAINT PK_ProbeResults PRIMARY KEY,
    Code       varchar(16)       NOT NULL CONSTRAINT UQ_ProbeResults_Code UNIQUE,
    CreatedAt  datetimeoffset(7) NOT NULL,
    ExpiresAt  datetimeoffset(7) NOT NULL,
    Account    nvarchar(320)     NOT NULL,
    Host       nvarchar(255)     NOT NULL,
    Port       int               NOT NULL,
    Security   varchar(16)       NOT NULL,
    Client     varchar(64)       NULL,
    Verdict    varchar(8)        NOT NULL,
    Diagnosis  varchar(32)       NOT NULL,
    Steps      nvarchar(max)     NOT NULL,
    Transcript nvarchar(max)     NOT NULL
);
CREATE INDEX IX_ProbeResults_ExpiresAt ON dbo.ProbeResults (ExpiresAt);
