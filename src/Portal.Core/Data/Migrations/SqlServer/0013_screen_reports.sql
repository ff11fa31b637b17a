-- "My screen looks different": members saying a guide's step does not match their program. How wrong labels are found
-- once real members use the guides. No personal data unless the member types some; the address only as a one-way key.
CREATE TABLE dbo.ScreenReports (
    Id              bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ScreenReports PRIMARY KEY,
    Guide           varchar(64)           NOT NULL,
    Step            varchar(64)           NOT NULL,
    Language        varchar(8)            NOT NULL,
    ProgramVersion  nvarchar(64)          NULL,
    WhatTheySee     nvarchar(500)         NULL,
    ClientIpHash    char(64)              NOT NULL,
    CreatedAt       datetimeoffset(7)     NOT NULL
);
CREATE INDEX IX_ScreenReports_Guide_Step ON dbo.ScreenReports (Guide, Step);
CREATE INDEX IX_ScreenReports_ClientIpHash_CreatedAt ON dbo.ScreenReports (ClientIpHash, CreatedAt);
