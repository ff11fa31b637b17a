SELECT Id, Code, CreatedAt, ExpiresAt, Account, Host, Port, Security, Client, Verdict, Diagnosis, Steps, Transcript
FROM dbo.ProbeResults WHERE Code = @Code AND ExpiresAt > @Now;
