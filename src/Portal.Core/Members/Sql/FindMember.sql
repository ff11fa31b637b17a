SELECT Id, Account, Email, Name, Program, Language, Status, CreatedAt, UpdatedAt FROM Members WHERE Id = @Id;
