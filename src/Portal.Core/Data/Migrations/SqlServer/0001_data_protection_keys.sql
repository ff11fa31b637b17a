-- Data Protection keys live in the database so that every web node shares them (antiforgery, signed links).
CREATE TABLE dbo.DataProtectionKeys (
    Id           uniqueidentifier  NOT NULL CONSTRAINT PK_DataProtectionKeys PRIMARY KEY,
    FriendlyName nvarchar(200)     NOT NULL,
    Xml          nvarchar(max)     NOT NULL,
    CreatedAt    datetimeoffset(7) NOT NULL
);
