using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Portal.Core.Configuration;

namespace Portal.Core.AutoSetup;

/// <summary>What the profile says to the member while it is installed, in their language.</summary>
public sealed record ProfileText(string IspName, string DisplayName, string Description, string AccountDescription);

/// <summary>
/// An Apple configuration profile (.mobileconfig) with one Mail payload (com.apple.mail.managed) for one member:
/// the address, user names, servers, ports and SSL flags. It holds no password, so the device asks for it while installing.
/// </summary>
public static class AppleMailProfile
{
    public const string ContentType = "application/x-apple-aspen-config";

    public static byte[] For(MemberMailSettings settings, string address, ProfileText text, Guid profileUuid, Guid mailPayloadUuid)
    {
        var user = settings.UserNameFor(address);
        var identifier = Identifier(settings.Domain, address);
        var incoming = settings.Incoming;
        var outgoing = settings.Outgoing;
        var mail = Dict(
            ("PayloadType", "com.apple.mail.managed"),
            ("PayloadVersion", 1),
            ("PayloadIdentifier", $"{identifier}.mail"),
            ("PayloadUUID", mailPayloadUuid.ToString().ToUpperInvariant()),
            ("PayloadDisplayName", text.AccountDescription),
            ("EmailAccountDescription", text.AccountDescription),
            ("EmailAccountType", incoming.Protocol == IncomingProtocol.Imap ? "EmailTypeIMAP" : "EmailTypePOP"),
            ("EmailAddress", address),
            ("IncomingMailServerHostName", incoming.Host),
            ("IncomingMailServerPortNumber", incoming.Port),
            ("IncomingMailServerUseSSL", UsesTls(incoming.Security)),
            ("IncomingMailServerUsername", user),
            ("IncomingMailServerAuthentication", "EmailAuthPassword"),
            ("OutgoingMailServerHostName", outgoing.Host),
            ("OutgoingMailServerPortNumber", outgoing.Port),
            // Apple's one SSL flag: STARTTLS on 587, TLS from the first byte on 465.
            ("OutgoingMailServerUseSSL", UsesTls(outgoing.Security)),
            ("OutgoingMailServerUsername", user),
            ("OutgoingMailServerAuthentication", "EmailAuthPassword"),
            // No IncomingPassword: the device asks for it once and uses it for sending too.
            ("OutgoingPasswordSameAsIncomingPassword", true));

        var profile = Dict(
            ("PayloadType", "Configuration"),
            ("PayloadVersion", 1),
            // The same member's next profile replaces this one instead of adding a second account.
            ("PayloadIdentifier", identifier),
            ("PayloadUUID", profileUuid.ToString().ToUpperInvariant()),
            ("PayloadDisplayName", text.DisplayName),
            ("PayloadDescription", text.Description),
            ("PayloadOrganization", text.IspName),
            ("PayloadRemovalDisallowed", false),
            ("PayloadContent", new XElement("array", mail)));

        var document = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XDocumentType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null),
            new XElement("plist", new XAttribute("version", "1.0"), profile));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            document.Save(writer);
        return stream.ToArray();
    }

    /// <summary>
    /// A reverse-DNS name for the member's profile, stable per address (PayloadIdentifier decides replace or add):
    /// the mail domain reversed, then a digest of the address (a local part may hold characters an identifier may not).
    /// </summary>
    public static string Identifier(string domain, string address)
    {
        var reversed = string.Join('.', domain.ToLowerInvariant().Split('.').Reverse());
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.ToLowerInvariant())))[..16];
        return $"{reversed}.mail-settings.{digest}";
    }

    private static bool UsesTls(ConnectionSecurity security) => security != ConnectionSecurity.None;

    private static XElement Dict(params (string Key, object Value)[] entries) =>
        new("dict", entries.SelectMany(e => new[] { new XElement("key", e.Key), Value(e.Value) }));

    private static XElement Value(object value) => value switch
    {
        string s => new XElement("string", s),
        int i => new XElement("integer", i.ToString(CultureInfo.InvariantCulture)),
        bool b => new XElement(b ? "true" : "false"),
        XElement e => e,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a property list value."),
    };
}
