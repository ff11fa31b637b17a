-- "Check my mail program": one row per one-time code. The page finds its row by Token (unguessable, in the
-- page's address); the member's message finds it by Code (short, typed in a subject). The first message with
-- a live code fills in the result; later ones are ignored, so a result is recorded once whatever node reads it.
CREATE TABLE dbo.CheckCodes (
    Token          varchar(32)       NOT NULL CONSTRAINT PK_CheckCodes PRIMARY KEY,
    Code           varchar(8)        NOT NULL,
    ClientIpHash   char(64)          NOT NULL,
    Client         varchar(64)       NULL,
    CreatedAt      datetimeoffset(7) NOT NULL,
    ExpiresAt      datetimeoffset(7) NOT NULL,
    ReceivedAt     datetimeoffset(7) NULL,
    Verdict        varchar(24)       NULL,
    Authenticated  bit               NULL,
    Tls            bit               NULL,
    Port           int               NULL,
    PortSource     varchar(16)       NULL,
    SenderProgram  varchar(64)       NULL,
    SenderIp       varchar(45)       NULL,
    DynamicIp      bit               NULL,
    Protocol       varchar(16)       NULL,
    Reason         nvarchar(400)     NULL
);
CREATE UNIQUE INDEX UX_CheckCodes_Code ON dbo.CheckCodes (Code);
CREATE INDEX IX_CheckCodes_ClientIpHash_CreatedAt ON dbo.CheckCodes (ClientIpHash, CreatedAt);
CREATE INDEX IX_CheckCodes_ExpiresAt ON dbo.CheckCodes (ExpiresAt);
