using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Portal.Core.Mail;

/// <summary>Which failures of a mail session are the connection's or the server's (try again later), not a bug of ours.</summary>
public static class MailConnection
{
    public static bool IsTrouble(Exception e) => e is IOException or SocketException or SmtpCommandException or SmtpProtocolException
        or MailKit.Net.Imap.ImapProtocolException or MailKit.Net.Imap.ImapCommandException
        or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException or SslHandshakeException or ServiceNotConnectedException or ServiceNotAuthenticatedException
        or OperationCanceledException or TimeoutException;
}
