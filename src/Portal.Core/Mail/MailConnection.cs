using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Portal.Core.Mail;

/// <summary>Which failures of a mail session are the connection's or the server's (try again later), not a bug of ours.</summary>
public static class MailConnection
{
    /// <summary>The server stopped answering, or answered what is not the protocol: the session cannot go on.</summary>
    public static bool IsBroken(Exception e) => e is SmtpProtocolException or MailKit.Net.Imap.ImapProtocolException or IOException
        or OperationCanceledException or TimeoutException;

    /// <summary>Anything a session with a mail server can meet that is not a bug of ours: broken, refused, not signed in.</summary>
    public static bool IsTrouble(Exception e) => IsBroken(e) || e is SocketException or SmtpCommandException or MailKit.Net.Imap.ImapCommandException
        or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException or SslHandshakeException
        or ServiceNotConnectedException or ServiceNotAuthenticatedException;
}
