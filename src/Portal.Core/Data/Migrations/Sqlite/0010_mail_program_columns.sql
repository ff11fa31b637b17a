-- Members' mail programs are "programs" everywhere: the columns that hold a program's id (e.g. becky-2) say so too.
-- The ids themselves, and the client= parameter of links already in members' mailboxes, do not change.
ALTER TABLE Members RENAME COLUMN Client TO Program;
ALTER TABLE SupportLinks RENAME COLUMN Client TO Program;
ALTER TABLE ProbeResults RENAME COLUMN Client TO Program;
ALTER TABLE CheckCodes RENAME COLUMN Client TO Program;
