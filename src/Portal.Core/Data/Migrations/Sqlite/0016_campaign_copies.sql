-- A campaign's copy is queued as whom it goes to and which support link it carries, and written when it is sent
-- (WrittenAtSend): a million copies are a million short rows instead of gigabytes of rendered text, the link is
-- signed as it leaves, and the copy reads the member's name and program of that day. Its Subject is filled in then.
ALTER TABLE OutboxMessages ADD COLUMN WrittenAtSend INTEGER NOT NULL DEFAULT 0;
ALTER TABLE OutboxMessages ADD COLUMN LinkId TEXT NULL;
