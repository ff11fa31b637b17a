-- Campaigns: one message, written per language, to every member matching a filter. Each member's copy goes through
-- the outbox under the key campaign:<id>:member:<id>, so sending a campaign again never sends anyone a second copy.
-- A send is a job any node may take (LeaseOwner/LeaseUntil) and resume: QueuedUpTo is the last member Id queued, and
-- SendBaseUrl/SendBy are set while a send is wanted (SendBy is NULL again once it is done).
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
