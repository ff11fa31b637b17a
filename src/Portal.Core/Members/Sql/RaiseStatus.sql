UPDATE Members SET Status = @Status, MovedAt = COALESCE(MovedAt, CASE WHEN @Status >= @Moved THEN @Now END)
WHERE Id = @Id AND Status < @Status;
