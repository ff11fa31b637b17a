SELECT Id, Account, Email, Name, Client, Language, Status, CreatedAt, UpdatedAt FROM Members WHERE Id = @Id;
