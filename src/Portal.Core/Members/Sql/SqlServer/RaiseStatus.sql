-- A status only rises; MovedAt is set the first time it reaches @Moved (@Rows: dbo.MemberIds).
UPDATE dbo.Members SET Status = @Status, MovedAt = COALESCE(MovedAt, CASE WHEN @Status >= @Moved THEN @Now END)
WHERE Id IN (SELECT r.Id FROM @Rows AS r) AND Status < @Status;
