INSERT INTO ProbeResults (Id, Code, CreatedAt, ExpiresAt, Account, Host, Port, Security, Program, Verdict, Diagnosis, Steps, Transcript)
VALUES (@Id, @Code, @CreatedAt, @ExpiresAt, @Account, @Host, @Port, @Security, @Program, @Verdict, @Diagnosis, @Steps, @Transcript);
