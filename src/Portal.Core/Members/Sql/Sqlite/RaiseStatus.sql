-- A status only rises; MovedAt is set the first time it reaches @Moved (@Rows: JSON arrays of [line, MemberId]).
UPDATE Members SET Status = @Status, MovedAt = COALESCE(MovedAt, CASE WHEN @Status >= @Moved THEN @Now END)
WHERE Id IN (SELECT value ->> 1 FROM json_each(@Rows)) AND Status < @Status;
