-- SQL Server gains table types for batched writes (member imports, campaign pages); SQLite takes the same batches
-- as JSON and needs none.
-- The support link repeat check (the same guide to the same address within minutes) looks links up by address.
CREATE INDEX IX_SupportLinks_Address_CreatedAt ON SupportLinks (Address, CreatedAt);
