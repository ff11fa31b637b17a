SELECT Token, Code, Client, CreatedAt, ExpiresAt, ReceivedAt, Verdict, Authenticated, Tls, Port, PortSource, SenderProgram, SenderIp, DynamicIp, Protocol, Reason
FROM dbo.CheckCodes WHERE Token = @Token;
