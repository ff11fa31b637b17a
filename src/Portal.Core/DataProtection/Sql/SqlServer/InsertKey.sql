INSERT INTO dbo.DataProtectionKeys (Id, FriendlyName, Xml, CreatedAt) VALUES (@Id, @FriendlyName, @Xml, @CreatedAt);
