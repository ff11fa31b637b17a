UPDATE dbo.DataProtectionKeys SET Xml = @Xml WHERE Id = @Id;
