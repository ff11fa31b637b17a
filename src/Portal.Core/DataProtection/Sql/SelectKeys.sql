SELECT Id, FriendlyName, Xml, CreatedAt FROM DataProtectionKeys ORDER BY CreatedAt, Id;
