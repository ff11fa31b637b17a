-- Evidence (issue 17): who has really moved, from the mail server's own log. Only counts are kept, per member, kind
-- (port25-noauth, port25-auth, submission-auth, auth-failed) and day (yyyy-MM-dd in Schedule:TimeZone, the staff
-- console's day), with the first and last time: no recipient, subject, queue id, client address or log line.
-- Housekeeping erases days older than Evidence:KeepDays.
CREATE TABLE MemberEvidence (
    MemberId  INTEGER NOT NULL REFERENCES Members (Id),
    Kind      TEXT    NOT NULL,
    Day       TEXT    NOT NULL,
    Count     INTEGER NOT NULL,
    FirstAt   TEXT    NOT NULL,
    LastAt    TEXT    NOT NULL,
    PRIMARY KEY (MemberId, Kind, Day)
) WITHOUT ROWID;
-- "Who sent on port 25 these last days": by day and kind, with the member from the key.
CREATE INDEX IX_MemberEvidence_Day_Kind ON MemberEvidence (Day, Kind);

-- Records that named no member (no name logged, or one no member has, or more than one): counted, never stored.
CREATE TABLE UnmatchedEvidence (
    Day    TEXT    NOT NULL,
    Kind   TEXT    NOT NULL,
    Count  INTEGER NOT NULL,
    PRIMARY KEY (Day, Kind)
) WITHOUT ROWID;

-- What has been read. A file is known by the SHA-256 of its first 4 KiB of content, decompressed (PrefixBytes: how
-- many bytes that was, fewer for a file shorter then), so rotation and gzip keep its identity; LinesRead is how far it
-- was counted, written in the same transaction as the counts. A followed log ("follow:NAME", PrefixBytes 0) is held by
-- one process at a time (LeaseOwner until LeaseUntil) and knows its last counted record (CursorAt, and how many records
-- at that time were counted: CursorCount), so that lines a pipe replays after a restart are not counted again.
CREATE TABLE EvidenceSources (
    SourceKey    TEXT    NOT NULL PRIMARY KEY,
    PrefixBytes  INTEGER NOT NULL,
    Name         TEXT    NOT NULL,
    LinesRead    INTEGER NOT NULL DEFAULT 0,
    CursorAt     TEXT    NULL,
    CursorCount  INTEGER NOT NULL DEFAULT 0,
    LeaseOwner   TEXT    NULL,
    LeaseUntil   TEXT    NULL,
    UpdatedAt    TEXT    NOT NULL
);

-- Log user names are looked up by account without regard to case, as SQL Server's collation compares (and as the
-- members file's duplicate check does): the index must compare as the query does.
CREATE INDEX IX_Members_Account_NoCase ON Members (Account COLLATE NOCASE);

-- A campaign may go only to members the log shows still sending on port 25 in the last N days.
ALTER TABLE Campaigns ADD COLUMN Port25WithinDays INTEGER NULL;
