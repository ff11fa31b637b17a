-- Campaigns: one message, written per language, to every member matching a filter. Each member's copy goes through
-- the outbox under the key campaign:<id>:member:<id>, so sending a campaign again never sends anyone a second copy.
-- A send is a job any node may take (LeaseOwner/LeaseUntil) and resume: QueuedUpTo is the last member Id queued, and
-- SendBaseUrl/SendBy are set while a send is wanted (SendBy is NULL again once it is done).
CREATE TABLE dbo.Campaigns (
    Id            bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Campaigns PRIMARY KEY,
    Name          nvarchar(200)         NOT NULL,
    NotMovedOnly  bit                   NOT NULL,
    Program       varchar(64)           NULL,
    Language      varchar(8)            NULL,
    SubjectJa     nvarchar(500)         NOT NULL,
    BodyJa        nvarchar(max)         NOT NULL,
    SubjectEn     nvarchar(500)         NOT NULL,
    BodyEn        nvarchar(max)         NOT NULL,
    CreatedBy     nvarchar(320)         NOT NULL,
    CreatedAt     datetimeoffset(7)     NOT NULL,
    LastSentAt    datetimeoffset(7)     NULL,
    Queued        int                   NOT NULL CONSTRAINT DF_Campaigns_Queued DEFAULT 0,
    SendBaseUrl   nvarchar(400)         NULL,
    SendBy        nvarchar(320)         NULL,
    QueuedUpTo    bigint                NOT NULL CONSTRAINT DF_Campaigns_QueuedUpTo DEFAULT 0,
    LeaseOwner    char(32)              NULL,
    LeaseUntil    datetimeoffset(7)     NULL
);
