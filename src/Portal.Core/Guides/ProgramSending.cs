using Portal.Core.Configuration;

namespace Portal.Core.Guides;

/// <summary>
/// Where a mail program sends to the ISP, from what it can do (its guide's <c>sends</c>) and what the ISP offers: the
/// main submission when the program can use its security, else the implicit-TLS port when there is one and the program
/// can use it, else nothing (the program cannot send to the ISP securely). The settings card, the error help and the
/// probe all ask this, so a guide never says one port and tests another.
/// </summary>
public static class ProgramSending
{
    public static MailServer? Choose(MailServer main, MailServer? implicitTls, IReadOnlyCollection<ConnectionSecurity>? programCan)
    {
        if (programCan is null || programCan.Contains(main.Security)) return main;
        if (implicitTls is not null && programCan.Contains(ConnectionSecurity.SslOnConnect)) return implicitTls;
        return null;
    }
}
