using System.Globalization;
using System.Xml.Linq;
using Portal.Core.Configuration;

namespace Portal.Core.AutoSetup;

/// <summary>
/// The autoconfig document Thunderbird (and Evolution, KMail) fetch when a member adds their account: the format of
/// wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat, version 1.1, as Thunderbird's readFromXML reads it.
/// </summary>
public static class ThunderbirdAutoconfig
{
    public static XDocument For(MemberMailSettings settings, string ispName, Uri guide, string guideTitleJa, string guideTitleEn)
    {
        var incoming = settings.Incoming;
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("clientConfig", new XAttribute("version", "1.1"),
                new XElement("emailProvider", new XAttribute("id", settings.Domain),
                    new XElement("domain", settings.Domain),
                    new XElement("displayName", ispName),
                    new XElement("displayShortName", ispName),
                    new XElement("incomingServer", new XAttribute("type", incoming.Protocol == IncomingProtocol.Imap ? "imap" : "pop3"), Server(incoming, settings)),
                    new XElement("outgoingServer", new XAttribute("type", "smtp"), Server(settings.Outgoing, settings)),
                    // Thunderbird keeps later servers as alternatives the member can pick in its manual settings (where a network blocks 587).
                    settings.ImplicitTls is { } implicitTls && (implicitTls.Host, implicitTls.Port) != (settings.Outgoing.Host, settings.Outgoing.Port)
                        ? new XElement("outgoingServer", new XAttribute("type", "smtp"), Server(implicitTls, settings))
                        : null,
                    // Informational only: Thunderbird does not show it, but other programs and people reading the file can follow it.
                    new XElement("documentation", new XAttribute("url", guide.AbsoluteUri),
                        new XElement("descr", new XAttribute("lang", "ja"), guideTitleJa),
                        new XElement("descr", new XAttribute("lang", "en"), guideTitleEn)))));
    }

    /// <summary>The socketType words: plain, SSL (TLS from the first byte) and STARTTLS.</summary>
    public static string SocketType(ConnectionSecurity security) => security switch
    {
        ConnectionSecurity.StartTls => "STARTTLS",
        ConnectionSecurity.SslOnConnect => "SSL",
        _ => "plain",
    };

    private static IEnumerable<XElement> Server(MailServer server, MemberMailSettings settings) =>
    [
        new XElement("hostname", server.Host),
        new XElement("port", server.Port.ToString(CultureInfo.InvariantCulture)),
        new XElement("socketType", SocketType(server.Security)),
        // Thunderbird fills these in from the address the member typed.
        new XElement("username", settings.UserNameFormat == UserNameFormat.LocalPart ? "%EMAILLOCALPART%" : "%EMAILADDRESS%"),
        // AUTH PLAIN / LOGIN (or the protocol's own login) inside the encrypted connection.
        new XElement("authentication", "password-cleartext"),
    ];
}
