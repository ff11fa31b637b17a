-- "My screen looks different": members saying a guide's step does not match their program. How wrong labels are found
-- once real members use the guides. No personal data unless the member types some; the address only as a one-way key.
CREATE TABLE ScreenReports (
    Id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Guide           TEXT    NOT NULL,
    Step            TEXT    NOT NULL,
    Language        TEXT    NOT NULL,
    ProgramVersion  TEXT    NULL,
    WhatTheySee     TEXT    NULL,
    ClientIpHash    TEXT    NOT NULL,
    CreatedAt       TEXT    NOT NULL
);
CREATE INDEX IX_ScreenReports_Guide_Step ON ScreenReports (Guide, Step);
CREATE INDEX IX_ScreenReports_ClientIpHash_CreatedAt ON ScreenReports (ClientIpHash, CreatedAt);
