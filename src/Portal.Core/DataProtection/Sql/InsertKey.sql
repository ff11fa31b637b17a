INSERT INTO DataProtectionKeys (Id, FriendlyName, Xml, CreatedAt) VALUES (@Id, @FriendlyName, @Xml, @CreatedAt);
