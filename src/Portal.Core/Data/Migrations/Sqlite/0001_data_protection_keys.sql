-- Data Protection keys live in the database so that every web node shares them (antiforgery, signed links).
CREATE TABLE DataProtectionKeys (
    Id           TEXT NOT NULL PRIMARY KEY,
    FriendlyName TEXT NOT NULL,
    Xml          TEXT NOT NULL,
    CreatedAt    TEXT NOT NULL
);
