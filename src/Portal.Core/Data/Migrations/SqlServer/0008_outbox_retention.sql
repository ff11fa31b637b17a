-- Outbox retention (Outbound:EraseAfterDays): past it, a sent or failed message loses its address, subject and text;
-- the row stays, with its dedup key, so a campaign sent again still skips whoever already had it.
ALTER TABLE dbo.OutboxMessages ADD ErasedAt datetimeoffset(7) NULL;
GO
CREATE INDEX IX_OutboxMessages_Unerased_CreatedAt ON dbo.OutboxMessages (CreatedAt) WHERE ErasedAt IS NULL;
