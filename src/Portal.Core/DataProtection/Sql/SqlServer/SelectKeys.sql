SELECT Id, FriendlyName, Xml, CreatedAt FROM dbo.DataProtectionKeys ORDER BY CreatedAt, Id;
