-- A campaign's copy is queued as whom it goes to and which support link it carries, and written when it is sent
-- (WrittenAtSend): a million copies are a million short rows instead of gigabytes of rendered text, the link is
-- signed as it leaves, and the copy reads the member's name and program of that day. Its Subject is filled in then.
ALTER TABLE dbo.OutboxMessages ADD
    WrittenAtSend bit              NOT NULL CONSTRAINT DF_OutboxMessages_WrittenAtSend DEFAULT 0,
    LinkId        uniqueidentifier NULL;

-- A page of a campaign's copies: the member, the link's id (none without a guide) and the Message-ID.
CREATE TYPE dbo.CampaignCopyRows AS TABLE (
    Line       int               NOT NULL PRIMARY KEY,
    MemberId   bigint            NOT NULL,
    LinkId     uniqueidentifier  NULL,
    MessageId  varchar(250)      NOT NULL
);
