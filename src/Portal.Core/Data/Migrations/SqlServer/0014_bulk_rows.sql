-- A million members arrive a batch at a time: each batch is one table-valued parameter, one round trip, and
-- set-based statements (SQLite takes the same batch as JSON).
CREATE TYPE dbo.MemberImportRows AS TABLE (
    Line      int            NOT NULL,
    Account   nvarchar(320)  NOT NULL PRIMARY KEY,
    Email     nvarchar(320)  NOT NULL,
    Name      nvarchar(200)  NOT NULL,
    Program   varchar(64)    NULL,
    Language  varchar(8)     NOT NULL
);

-- The support link repeat check (the same guide to the same address within minutes) looks links up by address.
CREATE INDEX IX_SupportLinks_Address_CreatedAt ON dbo.SupportLinks (Address, CreatedAt);

-- A campaign queues a page of members at a time: their messages, their support links and their timeline events,
-- each as one table-valued parameter.
CREATE TYPE dbo.OutboxRows AS TABLE (
    Line        int            NOT NULL PRIMARY KEY,
    DedupKey    nvarchar(200)  NOT NULL,
    MemberId    bigint         NULL,
    CampaignId  bigint         NULL,
    Kind        varchar(16)    NOT NULL,
    ToAddress   nvarchar(320)  NOT NULL,
    ToName      nvarchar(200)  NULL,
    Subject     nvarchar(500)  NOT NULL,
    TextBody    nvarchar(max)  NOT NULL,
    HtmlBody    nvarchar(max)  NULL,
    Language    varchar(16)    NOT NULL,
    MessageId   varchar(250)   NOT NULL
);

CREATE TYPE dbo.SupportLinkRows AS TABLE (
    Line       int                NOT NULL PRIMARY KEY,
    Id         uniqueidentifier   NOT NULL,
    MemberId   bigint             NULL,
    Address    nvarchar(320)      NOT NULL,
    Program    varchar(64)        NOT NULL,
    Language   varchar(8)         NOT NULL,
    ExpiresAt  datetimeoffset(7)  NOT NULL
);

CREATE TYPE dbo.MemberIds AS TABLE (
    Line  int     NOT NULL PRIMARY KEY,
    Id    bigint  NOT NULL
);

-- The dashboard counts a million members by program, language and status from this index alone, and the moves per
-- hour from the few that have moved.
CREATE INDEX IX_Members_Program_Language_Status ON dbo.Members (Program, Language, Status);
CREATE INDEX IX_Members_MovedAt ON dbo.Members (MovedAt) WHERE MovedAt IS NOT NULL;
