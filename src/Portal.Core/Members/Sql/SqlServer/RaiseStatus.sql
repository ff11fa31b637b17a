UPDATE dbo.Members SET Status = @Status WHERE Id = @Id AND Status < @Status;
