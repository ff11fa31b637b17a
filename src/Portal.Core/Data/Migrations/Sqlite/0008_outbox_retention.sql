-- Outbox retention (Outbound:KeepDays): the sweep deletes sent and failed rows by age.
CREATE INDEX IX_OutboxMessages_CreatedAt ON OutboxMessages (CreatedAt);
