-- The outbox: every e-mail the portal sends to members (support links, campaigns) is a row here first, so nothing is
-- lost when a node stops or the relay is away. DedupKey makes queuing idempotent ("campaign:12:member:345").
-- A node claims a batch by writing its own LeaseOwner token and LeaseUntil; a lease past LeaseUntil is free again.
-- MemberId and CampaignId refer to other features' tables without a foreign key: a member's mail history outlives edits there.
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
);
-- The claim reads queued rows in Id order and stops after a batch, however many sent rows the table holds.
CREATE INDEX IX_OutboxMessages_Status_Id ON OutboxMessages (Status, Id);
CREATE INDEX IX_OutboxMessages_LeaseOwner ON OutboxMessages (LeaseOwner) WHERE LeaseOwner IS NOT NULL;
CREATE INDEX IX_OutboxMessages_MemberId_Id ON OutboxMessages (MemberId, Id) WHERE MemberId IS NOT NULL;
