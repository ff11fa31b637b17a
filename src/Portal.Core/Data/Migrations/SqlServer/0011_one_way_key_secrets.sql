-- The secret behind the one-way keys the limits count by (ProbeAttempts, CheckCodes, AutoSetupRequests): protected by
-- the Data Protection key ring, so a copy of the tables alone cannot turn a key back into an address. The newest row is
-- the one in use; `portal keys rotate-one-way-secret` adds a row, and counts under the old one start afresh.
CREATE TABLE dbo.OneWayKeySecrets (
    Id               int IDENTITY(1, 1)  NOT NULL CONSTRAINT PK_OneWayKeySecrets PRIMARY KEY,
    ProtectedSecret  nvarchar(max)       NOT NULL,
    CreatedAt        datetimeoffset(7)   NOT NULL
);
