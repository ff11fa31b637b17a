SELECT Id, MemberId, Address, Program, Language, ExpiresAt FROM SupportLinks WHERE Id = @Id;
