SELECT Token, Code, Program, CreatedAt, ExpiresAt, ReceivedAt, Verdict, Authenticated, Tls, Port, PortSource, SenderProgram, SenderIp, DynamicIp, Protocol, Reason
FROM CheckCodes WHERE Token = @Token;
