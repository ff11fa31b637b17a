namespace Portal.Core.Configuration;

/// <summary>How a mail program protects its connection to a server; the names match MailKit's SecureSocketOptions.</summary>
public enum ConnectionSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (port 587, POP3 110, IMAP 143).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465, POP3S 995, IMAPS 993).</summary>
    SslOnConnect,

    /// <summary>No encryption: allowed only because some ISPs still run it.</summary>
    None,
}

public static class ConnectionSecurityExtensions
{
    /// <summary>MailKit's name for the same setting.</summary>
    public static MailKit.Security.SecureSocketOptions ToSecureSocketOptions(this ConnectionSecurity security) => security switch
    {
        ConnectionSecurity.StartTls => MailKit.Security.SecureSocketOptions.StartTls,
        ConnectionSecurity.SslOnConnect => MailKit.Security.SecureSocketOptions.SslOnConnect,
        _ => MailKit.Security.SecureSocketOptions.None,
    };
}
