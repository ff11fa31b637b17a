-- "Check my mail program": one row per one-time code. The page finds its row by Token (unguessable, in the
-- page's address); the member's message finds it by Code (short, typed in a subject). The first message with
-- a live code fills in the result; later ones are ignored, so a result is recorded once whatever node reads it.
CREATE TABLE CheckCodes (
    Token          TEXT    NOT NULL PRIMARY KEY,
    Code           TEXT    NOT NULL,
    ClientIpHash   TEXT    NOT NULL,
    Client         TEXT    NULL,
    CreatedAt      TEXT    NOT NULL,
    ExpiresAt      TEXT    NOT NULL,
    ReceivedAt     TEXT    NULL,
    Verdict        TEXT    NULL,
    Authenticated  INTEGER NULL,
    Tls            INTEGER NULL,
    Port           INTEGER NULL,
    PortSource     TEXT    NULL,
    SenderProgram  TEXT    NULL,
    SenderIp       TEXT    NULL,
    DynamicIp      INTEGER NULL,
    Protocol       TEXT    NULL,
    Reason         TEXT    NULL
);
CREATE UNIQUE INDEX UX_CheckCodes_Code ON CheckCodes (Code);
CREATE INDEX IX_CheckCodes_ClientIpHash_CreatedAt ON CheckCodes (ClientIpHash, CreatedAt);
CREATE INDEX IX_CheckCodes_ExpiresAt ON CheckCodes (ExpiresAt);
