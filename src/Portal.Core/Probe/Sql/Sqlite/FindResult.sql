SELECT Id, Code, CreatedAt, ExpiresAt, Account, Host, Port, Security, Client, Verdict, Diagnosis, Steps, Transcript
FROM ProbeResults WHERE Code = @Code AND ExpiresAt > @Now;
