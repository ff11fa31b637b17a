-- SQL Server gains table types for batched writes (member imports, campaign pages); SQLite takes the same batches
-- as JSON and needs none.
-- The support link repeat check (the same guide to the same address within minutes) looks links up by address.
CREATE INDEX IX_SupportLinks_Address_CreatedAt ON SupportLinks (Address, CreatedAt);

-- The dashboard counts a million members by program, language and status from this index alone, and the moves per
-- hour from the few that have moved.
CREATE INDEX IX_Members_Program_Language_Status ON Members (Program, Language, Status);
CREATE INDEX IX_Members_MovedAt ON Members (MovedAt) WHERE MovedAt IS NOT NULL;

-- Members are found by address without regard to case (FindMemberByAddress, the log's senders): the index must
-- compare as the queries do, or every lookup reads all members.
DROP INDEX IX_Members_Email;
CREATE INDEX IX_Members_Email ON Members (Email COLLATE NOCASE);
