using System.Diagnostics;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using Portal.Core.Configuration;

namespace Portal.Tests.AutoSetup;

/// <summary>Outlook's Autodiscover, posted as Outlook posts it (no antiforgery token) and read back with namespaces checked.</summary>
public sealed class OutlookAutodiscoverTests
{
    private const string RequestSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
    private const string ResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    private const string OutlookResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    internal static string Request(string address, string schema = OutlookResponseSchema, string requestSchema = RequestSchema) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Autodiscover xmlns="{requestSchema}">
          <Request>
            <EMailAddress>{address}</EMailAddress>
            <AcceptableResponseSchema>{schema}</AcceptableResponseSchema>
          </Request>
        </Autodiscover>
        """;

    private static XmlNamespaceManager Namespaces()
    {
        var namespaces = new XmlNamespaceManager(new NameTable());
        namespaces.AddNamespace("ad", ResponseSchema);
        namespaces.AddNamespace("a", OutlookResponseSchema);
        return namespaces;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body) =>
        await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/xml"));

    [Theory]
    [MemberData(nameof(MailSetup.Indexes), MemberType = typeof(MailSetup))]
    public async Task Both_spellings_answer_with_the_configured_servers(int variation)
    {
        var setup = MailSetup.Variations[variation];
        await using var portal = setup.Portal();
        using var client = portal.CreateClient();

        foreach (var path in new[] { "/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml" })
        {
            using var response = await PostAsync(client, path, Request("Hanako.Yamada@Example.JP"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
            var ns = Namespaces();
            var account = document.XPathSelectElement("/ad:Autodiscover/a:Response/a:Account", ns)!;
            Assert.Equal("email", account.XPathSelectElement("a:AccountType", ns)?.Value);
            Assert.Equal("settings", account.XPathSelectElement("a:Action", ns)?.Value);
            var protocols = account.XPathSelectElements("a:Protocol", ns).ToList();
            Assert.Equal([setup.Protocol == IncomingProtocol.Imap ? "IMAP" : "POP3", "SMTP"], protocols.Select(p => p.XPathSelectElement("a:Type", ns)?.Value));
            var user = setup.UserFor("Hanako.Yamada@example.jp");
            AssertProtocol(protocols[0], ns, setup.IncomingHost, setup.IncomingPort, setup.IncomingSecurity, user);
            AssertProtocol(protocols[1], ns, setup.SubmissionHost, setup.SubmissionPort, setup.SubmissionSecurity, user);
        }
    }

    private static void AssertProtocol(XElement protocol, XmlNamespaceManager ns, string host, int port, ConnectionSecurity security, string user)
    {
        Assert.Equal(host, protocol.XPathSelectElement("a:Server", ns)?.Value);
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), protocol.XPathSelectElement("a:Port", ns)?.Value);
        Assert.Equal(user, protocol.XPathSelectElement("a:LoginName", ns)?.Value);
        // [MS-OXDSCLI]: Encryption overrides SSL; TLS means STARTTLS, SSL means TLS from the first byte.
        var (ssl, encryption) = security switch { ConnectionSecurity.StartTls => ("off", "TLS"), ConnectionSecurity.SslOnConnect => ("on", "SSL"), _ => ("off", "None") };
        Assert.Equal(encryption, protocol.XPathSelectElement("a:Encryption", ns)?.Value);
        Assert.Equal(ssl, protocol.XPathSelectElement("a:SSL", ns)?.Value);
        // SPA defaults to on when absent: it must be there, and off.
        Assert.Equal("off", protocol.XPathSelectElement("a:SPA", ns)?.Value);
        Assert.Equal("on", protocol.XPathSelectElement("a:AuthRequired", ns)?.Value);
    }

    public static TheoryData<string, string, HttpStatusCode, string> Refusals() => new()
    {
        { "not XML", "this is not <xml", HttpStatusCode.BadRequest, "600" },
        { "empty", "", HttpStatusCode.BadRequest, "600" },
        { "no address", Request(""), HttpStatusCode.BadRequest, "600" },
        { "the request in another namespace", Request("taro@example.jp", requestSchema: "urn:not-autodiscover"), HttpStatusCode.BadRequest, "600" },
        { "the ActiveSync response schema", Request("taro@example.jp", "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006"), HttpStatusCode.BadRequest, "601" },
        { "an address at another domain", Request("taro@example.com"), HttpStatusCode.NotFound, "500" },
        { "a display name around the address", Request("Taro &lt;taro@example.jp&gt;"), HttpStatusCode.NotFound, "500" },
        { "a body over 16 KiB", Request("taro@example.jp").Replace("<Request>", "<Request>" + new string(' ', 17 * 1024), StringComparison.Ordinal), HttpStatusCode.RequestEntityTooLarge, "600" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_request_it_cannot_answer_gets_the_schemas_error_and_a_4xx(string what, string body, HttpStatusCode status, string code)
    {
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient();

        using var response = await PostAsync(client, "/autodiscover/autodiscover.xml", body);

        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
        AssertError(await response.Content.ReadAsStringAsync(), code);
    }

    [Fact]
    public async Task An_external_entity_is_never_fetched_and_its_file_never_shown()
    {
        using var folder = new TempFolder();
        var secret = folder.File("secret.txt");
        await File.WriteAllTextAsync(secret, "the-secret-in-a-local-file");
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient();
        var body = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE Autodiscover [ <!ENTITY secret SYSTEM "file://{secret}"> ]>
            <Autodiscover xmlns="{RequestSchema}">
              <Request><EMailAddress>&secret;@example.jp</EMailAddress><AcceptableResponseSchema>{OutlookResponseSchema}</AcceptableResponseSchema></Request>
            </Autodiscover>
            """;

        var clock = Stopwatch.StartNew();
        using var response = await PostAsync(client, "/autodiscover/autodiscover.xml", body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("the-secret", text, StringComparison.Ordinal);
        AssertError(text, "600");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_entity_bomb_is_refused_before_anything_is_expanded()
    {
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient();
        var entities = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var body = $"""
            <?xml version="1.0"?>
            <!DOCTYPE Autodiscover [ <!ENTITY lol0 "lol"> {entities} ]>
            <Autodiscover xmlns="{RequestSchema}"><Request><EMailAddress>&lol9;@example.jp</EMailAddress><AcceptableResponseSchema>{OutlookResponseSchema}</AcceptableResponseSchema></Request></Autodiscover>
            """;

        var clock = Stopwatch.StartNew();
        using var response = await PostAsync(client, "/autodiscover/autodiscover.xml", body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("lollol", text, StringComparison.Ordinal);
        Assert.True(text.Length < 1024, $"the answer is {text.Length} characters");
        AssertError(text, "600");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    private static void AssertError(string text, string code)
    {
        var document = XDocument.Parse(text);
        var ns = Namespaces();
        var error = document.XPathSelectElement("/ad:Autodiscover/ad:Response/ad:Error", ns);
        Assert.NotNull(error);
        Assert.Equal(code, error!.XPathSelectElement("ad:ErrorCode", ns)?.Value);
        Assert.False(string.IsNullOrWhiteSpace(error.XPathSelectElement("ad:Message", ns)?.Value));
        Assert.NotNull(error.Attribute("Time"));
    }
}
