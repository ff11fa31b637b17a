SELECT Id, Code, CreatedAt, ExpiresAt, Account, Host, Port, Security, Program, Verdict, Diagnosis, Steps, Transcript
FROM ProbeResults WHERE Code = @Code AND ExpiresAt > @Now;
