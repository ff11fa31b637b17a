-- Evidence (issue 17): who has really moved, from the mail server's own log. Only counts are kept, per member, kind
-- (port25-noauth, port25-auth, submission-auth, auth-failed) and day (in Schedule:TimeZone, the staff console's day),
-- with the first and last time: no recipient, subject, queue id, client address or log line.
-- Housekeeping erases days older than Evidence:KeepDays.
CREATE TABLE dbo.MemberEvidence (
    MemberId  bigint             NOT NULL CONSTRAINT FK_MemberEvidence_Members REFERENCES dbo.Members (Id),
    Kind      varchar(16)        NOT NULL,
    Day       date               NOT NULL,
    Count     bigint             NOT NULL,
    FirstAt   datetimeoffset(7)  NOT NULL,
    LastAt    datetimeoffset(7)  NOT NULL,
    CONSTRAINT PK_MemberEvidence PRIMARY KEY (MemberId, Kind, Day)
);
-- "Who sent on port 25 these last days": by day and kind, with the member from the clustered key.
CREATE INDEX IX_MemberEvidence_Day_Kind ON dbo.MemberEvidence (Day, Kind);

-- Records that named no member (no name logged, or one no member has, or more than one): counted, never stored.
CREATE TABLE dbo.UnmatchedEvidence (
    Day    date         NOT NULL,
    Kind   varchar(16)  NOT NULL,
    Count  bigint       NOT NULL,
    CONSTRAINT PK_UnmatchedEvidence PRIMARY KEY (Day, Kind)
);

-- What has been read. A file is known by the SHA-256 of its first 4 KiB of content, decompressed (PrefixBytes: how
-- many bytes that was, fewer for a file shorter then), so rotation and gzip keep its identity; LinesRead is how far it
-- was counted, written in the same transaction as the counts. A followed log ("follow:NAME", PrefixBytes 0) is held by
-- one process at a time (LeaseOwner until LeaseUntil) and knows its last counted record (CursorAt, and how many records
-- at that time were counted: CursorCount), so that lines a pipe replays after a restart are not counted again.
CREATE TABLE dbo.EvidenceSources (
    SourceKey    varchar(100)       NOT NULL CONSTRAINT PK_EvidenceSources PRIMARY KEY,
    PrefixBytes  int                NOT NULL,
    Name         nvarchar(400)      NOT NULL,
    LinesRead    bigint             NOT NULL CONSTRAINT DF_EvidenceSources_LinesRead DEFAULT 0,
    CursorAt     datetimeoffset(7)  NULL,
    CursorCount  int                NOT NULL CONSTRAINT DF_EvidenceSources_CursorCount DEFAULT 0,
    LeaseOwner   varchar(64)        NULL,
    LeaseUntil   datetimeoffset(7)  NULL,
    UpdatedAt    datetimeoffset(7)  NOT NULL
);

-- A chunk of log is written as three table-valued parameters: the names to look up, then the counts per member and
-- the counts that matched nobody.
CREATE TYPE dbo.EvidenceNames AS TABLE (
    Line     int            NOT NULL PRIMARY KEY,
    Name     nvarchar(320)  NULL,
    MatchBy  int            NOT NULL
);

CREATE TYPE dbo.MemberEvidenceRows AS TABLE (
    Line      int                NOT NULL PRIMARY KEY,
    MemberId  bigint             NOT NULL,
    Kind      varchar(16)        NOT NULL,
    Day       date               NOT NULL,
    Count     bigint             NOT NULL,
    FirstAt   datetimeoffset(7)  NOT NULL,
    LastAt    datetimeoffset(7)  NOT NULL,
    UNIQUE (MemberId, Kind, Day)
);

CREATE TYPE dbo.UnmatchedEvidenceRows AS TABLE (
    Line   int          NOT NULL PRIMARY KEY,
    Kind   varchar(16)  NOT NULL,
    Day    date         NOT NULL,
    Count  bigint       NOT NULL,
    UNIQUE (Day, Kind)
);

-- A campaign may go only to members the log shows still sending on port 25 in the last N days.
ALTER TABLE dbo.Campaigns ADD Port25WithinDays int NULL;
