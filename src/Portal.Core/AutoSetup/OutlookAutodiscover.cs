using Microsoft.AspNetCore.Http;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Portal.Core.Configuration;

namespace Portal.Core.AutoSetup;

/// <summary>
/// Outlook's "plain old XML" Autodiscover for POP3/IMAP accounts ([MS-OXDSCLI]): the request Outlook posts, and the
/// settings or error document it gets back.
/// </summary>
public static class OutlookAutodiscover
{
    public static readonly XNamespace RequestSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
    public static readonly XNamespace ResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    public static readonly XNamespace OutlookResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    /// <summary>Outlook's request is a few hundred bytes; anything much larger is not one.</summary>
    public const int MaxRequestBytes = 16 * 1024;

    /// <summary>
    /// Reads the address from a request body. The body is XML from anyone on the Internet: no DTD is allowed (so no
    /// external entity is fetched and no entity is expanded), nothing is resolved, and the size is capped.
    /// </summary>
    public static AutodiscoverRequest Read(byte[] body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxRequestBytes,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body, writable: false), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return AutodiscoverRequest.Invalid;
        }

        var request = document.Root is { } root && root.Name == RequestSchema + "Autodiscover" ? root.Element(RequestSchema + "Request") : null;
        var address = request?.Element(RequestSchema + "EMailAddress")?.Value.Trim();
        var schema = request?.Element(RequestSchema + "AcceptableResponseSchema")?.Value.Trim();
        if (string.IsNullOrEmpty(address) || string.IsNullOrEmpty(schema)) return AutodiscoverRequest.Invalid;
        return schema == OutlookResponseSchema.NamespaceName ? new AutodiscoverRequest(address, null) : AutodiscoverRequest.UnknownSchema;
    }

    /// <summary>The account's settings: one Protocol for the incoming server and one for SMTP.</summary>
    public static XDocument Settings(MemberMailSettings settings, string address)
    {
        XNamespace a = OutlookResponseSchema;
        var login = settings.UserNameFor(address);
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(ResponseSchema + "Autodiscover",
                new XElement(a + "Response",
                    new XElement(a + "Account",
                        new XElement(a + "AccountType", "email"),
                        new XElement(a + "Action", "settings"),
                        Protocol(a, settings.Incoming.Protocol == IncomingProtocol.Imap ? "IMAP" : "POP3", settings.Incoming, login),
                        Protocol(a, "SMTP", settings.Outgoing, login)))));
    }

    /// <summary>An error response: the Error element under the 2006 schema's Response, as Exchange answers.</summary>
    public static XDocument Error(AutodiscoverError error, DateTimeOffset now) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(ResponseSchema + "Autodiscover",
                new XElement(ResponseSchema + "Response",
                    new XElement(ResponseSchema + "Error",
                        new XAttribute("Time", now.UtcDateTime.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)),
                        new XElement(ResponseSchema + "ErrorCode", error.Code.ToString(CultureInfo.InvariantCulture)),
                        new XElement(ResponseSchema + "Message", error.Message),
                        new XElement(ResponseSchema + "DebugData")))));

    /// <summary>
    /// Encryption (Outlook 2010 and later) overrides SSL: "TLS" is STARTTLS, "SSL" TLS from the first byte. SSL is kept for
    /// older Outlook, which has no word for STARTTLS: "off" there at least never starts a TLS handshake against a plain greeting.
    /// </summary>
    public static (string Ssl, string Encryption) Encryption(ConnectionSecurity security) => security switch
    {
        ConnectionSecurity.StartTls => ("off", "TLS"),
        ConnectionSecurity.SslOnConnect => ("on", "SSL"),
        _ => ("off", "None"),
    };

    private static XElement Protocol(XNamespace a, string type, MailServer server, string login)
    {
        var (ssl, encryption) = Encryption(server.Security);
        return new XElement(a + "Protocol",
            new XElement(a + "Type", type),
            new XElement(a + "Server", server.Host),
            new XElement(a + "Port", server.Port.ToString(CultureInfo.InvariantCulture)),
            new XElement(a + "LoginName", login),
            new XElement(a + "DomainRequired", "off"),
            // SPA (NTLM) is on when absent: say off, the servers take a plain password inside TLS.
            new XElement(a + "SPA", "off"),
            new XElement(a + "SSL", ssl),
            new XElement(a + "Encryption", encryption),
            new XElement(a + "AuthRequired", "on"));
    }
}

/// <summary>The address Outlook asked about, or the error to answer with.</summary>
public sealed record AutodiscoverRequest(string? Address, AutodiscoverError? Error)
{
    public static readonly AutodiscoverRequest Invalid = new(null, AutodiscoverError.InvalidRequest);
    public static readonly AutodiscoverRequest UnknownSchema = new(null, AutodiscoverError.UnknownSchema);
}

/// <summary>The [MS-OXDSCLI] error codes the portal answers with, and the HTTP status that goes with each.</summary>
public sealed record AutodiscoverError(int Code, string Message, int HttpStatus)
{
    public static readonly AutodiscoverError InvalidRequest = new(600, "Invalid Request", StatusCodes.Status400BadRequest);
    public static readonly AutodiscoverError TooLarge = new(600, "Invalid Request", StatusCodes.Status413PayloadTooLarge);
    public static readonly AutodiscoverError UnknownSchema = new(601, "Provider is not available", StatusCodes.Status400BadRequest);
    public static readonly AutodiscoverError UnknownAddress = new(500, "The email address cannot be found", StatusCodes.Status404NotFound);
}
