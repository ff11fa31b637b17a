INSERT INTO ProbeResults (Id, Code, CreatedAt, ExpiresAt, Account, Host, Port, Security, Client, Verdict, Diagnosis, Steps, Transcript)
VALUES (@Id, @Code, @CreatedAt, @ExpiresAt, @Account, @Host, @Port, @Security, @Client, @Verdict, @Diagnosis, @Steps, @Transcript);
