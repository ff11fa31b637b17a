-- The outbox: every e-mail the portal sends to members (support links, campaigns) is a row here first, so nothing is
-- lost when a node stops or the relay is away. DedupKey makes queuing idempotent ("campaign:12:member:345").
-- A node claims a batch by writing its own LeaseOwner token and LeaseUntil; a lease past LeaseUntil is free again.
-- MemberId and CampaignId refer to other features' tables without a foreign key: a member's mail history outlives edits there.
-- DedupKey is nvarchar like the parameters the portal sends, so that looking a key up seeks the unique index.
CREATE TABLE dbo.OutboxMessages (
    Id            bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_OutboxMessages PRIMARY KEY,
    DedupKey      nvarchar(200)         NOT NULL CONSTRAINT UQ_OutboxMessages_DedupKey UNIQUE,
    MemberId      bigint                NULL,
    CampaignId    bigint                NULL,
    Kind          varchar(16)           NOT NULL,
    ToAddress     nvarchar(320)         NOT NULL,
    ToName        nvarchar(200)         NULL,
    Subject       nvarchar(500)         NOT NULL,
    TextBody      nvarchar(max)         NOT NULL,
    HtmlBody      nvarchar(max)         NULL,
    Language      varchar(16)           NOT NULL,
    MessageId     varchar(250)          NOT NULL,
    Status        varchar(8)            NOT NULL CONSTRAINT CK_OutboxMessages_Status CHECK (Status IN ('queued', 'sent', 'failed')),
    Attempts      int                   NOT NULL,
    NextAttemptAt datetimeoffset(7)     NOT NULL,
    LeaseOwner    uniqueidentifier      NULL,
    LeaseUntil    datetimeoffset(7)     NULL,
    LastError     nvarchar(1000)        NULL,
    CreatedAt     datetimeoffset(7)     NOT NULL,
    SentAt        datetimeoffset(7)     NULL
);
-- The claim reads queued rows in Id order and stops after a batch, however many sent rows the table holds.
CREATE INDEX IX_OutboxMessages_Status_Id ON dbo.OutboxMessages (Status, Id) INCLUDE (NextAttemptAt, LeaseUntil);
CREATE INDEX IX_OutboxMessages_LeaseOwner ON dbo.OutboxMessages (LeaseOwner) WHERE LeaseOwner IS NOT NULL;
CREATE INDEX IX_OutboxMessages_MemberId_Id ON dbo.OutboxMessages (MemberId, Id) WHERE MemberId IS NOT NULL;
