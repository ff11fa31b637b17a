-- Outbox retention (Outbound:EraseAfterDays): past it, a sent or failed message loses its address, subject and text;
-- the row stays, with its dedup key, so a campaign sent again still skips whoever already had it.
ALTER TABLE OutboxMessages ADD COLUMN ErasedAt TEXT NULL;
CREATE INDEX IX_OutboxMessages_Unerased_CreatedAt ON OutboxMessages (CreatedAt) WHERE ErasedAt IS NULL;
