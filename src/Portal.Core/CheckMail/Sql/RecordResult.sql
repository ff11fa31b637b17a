-- Only a live, unused code takes a result: the first message wins, on whichever node read it.
UPDATE CheckCodes
SET ReceivedAt = @ReceivedAt, Verdict = @Verdict, Authenticated = @Authenticated, Tls = @Tls, Port = @Port, PortSource = @PortSource,
    SenderProgram = @SenderProgram, SenderIp = @SenderIp, DynamicIp = @DynamicIp, Protocol = @Protocol, Reason = @Reason
WHERE Code = @Code AND ReceivedAt IS NULL AND ExpiresAt > @ReceivedAt;
