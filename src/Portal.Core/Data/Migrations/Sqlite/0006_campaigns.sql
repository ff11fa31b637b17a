-- Campaigns: one message, written per language, to every member matching a filter. Each member's copy goes through
-- the outbox under the key campaign:<id>:member:<id>, so sending a campaign again never sends anyone a second copy.
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
    Queued        INTEGER NOT NULL DEFAULT 0
);
