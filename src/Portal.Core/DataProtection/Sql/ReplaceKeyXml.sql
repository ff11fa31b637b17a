UPDATE DataProtectionKeys SET Xml = @Xml WHERE Id = @Id;
