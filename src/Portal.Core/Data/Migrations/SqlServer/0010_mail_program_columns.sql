-- Members' mail programs are "programs" everywhere: the columns that hold a program's id (e.g. becky-2) say so too.
-- The ids themselves, and the client= parameter of links already in members' mailboxes, do not change.
EXEC sp_rename N'dbo.Members.Client', N'Program', N'COLUMN';
EXEC sp_rename N'dbo.SupportLinks.Client', N'Program', N'COLUMN';
EXEC sp_rename N'dbo.ProbeResults.Client', N'Program', N'COLUMN';
EXEC sp_rename N'dbo.CheckCodes.Client', N'Program', N'COLUMN';
