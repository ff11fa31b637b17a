using System.Net;
using System.Xml.Linq;
using System.Xml.XPath;
using Portal.Core.Configuration;

namespace Portal.Tests.AutoSetup;

/// <summary>Thunderbird's autoconfig document, fetched as Thunderbird fetches it and read back as plain XML.</summary>
public sealed class ThunderbirdAutoconfigTests
{
    [Theory]
    [MemberData(nameof(MailSetup.Indexes), MemberType = typeof(MailSetup))]
    public async Task Both_addresses_describe_the_configured_servers(int variation)
    {
        var setup = MailSetup.Variations[variation];
        await using var portal = setup.Portal();
        using var client = portal.CreateClient();

        foreach (var url in new[] { "/mail/config-v1.1.xml?emailaddress=taro%40example.jp", "/.well-known/autoconfig/mail/config-v1.1.xml" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
            var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal("1.1", document.XPathSelectElement("/clientConfig")?.Attribute("version")?.Value);
            var provider = document.XPathSelectElement("/clientConfig/emailProvider")!;
            Assert.Equal("example.jp", provider.Attribute("id")?.Value);
            Assert.Equal(["example.jp"], provider.Elements("domain").Select(d => d.Value));

            var incoming = Assert.Single(provider.Elements("incomingServer"));
            Assert.Equal(setup.Protocol == IncomingProtocol.Imap ? "imap" : "pop3", incoming.Attribute("type")?.Value);
            AssertServer(incoming, setup.IncomingHost, setup.IncomingPort, setup.IncomingSecurity, setup.UserNameFormat);

            var outgoing = Assert.Single(provider.Elements("outgoingServer"));
            Assert.Equal("smtp", outgoing.Attribute("type")?.Value);
            AssertServer(outgoing, setup.SubmissionHost, setup.SubmissionPort, setup.SubmissionSecurity, setup.UserNameFormat);

            Assert.Equal("https://localhost/guides/thunderbird", provider.XPathSelectElement("documentation")?.Attribute("url")?.Value);
            Assert.Equal(["ja", "en"], provider.XPathSelectElements("documentation/descr").Select(d => d.Attribute("lang")?.Value));
        }
    }

    [Fact]
    public async Task With_implicit_TLS_offered_465_follows_the_submission_port_as_the_alternative()
    {
        var setup = MailSetup.Variations[0];
        await using var portal = setup.Portal(new Dictionary<string, string?>
        {
            ["Isp:ImplicitTls:Host"] = "smtps.example.jp", ["Isp:ImplicitTls:Port"] = "465", ["Isp:ImplicitTls:Security"] = "SslOnConnect",
        });
        using var client = portal.CreateClient();

        var document = XDocument.Parse(await client.GetStringAsync("/mail/config-v1.1.xml"));

        var outgoing = document.XPathSelectElements("/clientConfig/emailProvider/outgoingServer").ToList();
        Assert.Equal(2, outgoing.Count);
        AssertServer(outgoing[0], setup.SubmissionHost, setup.SubmissionPort, setup.SubmissionSecurity, setup.UserNameFormat);
        AssertServer(outgoing[1], "smtps.example.jp", 465, ConnectionSecurity.SslOnConnect, setup.UserNameFormat);
    }

    [Fact]
    public async Task The_guide_link_uses_the_portals_public_address()
    {
        await using var portal = MailSetup.Variations[0].Portal(new Dictionary<string, string?> { ["SupportLinks:PublicBaseUrl"] = "https://portal.example.jp/" });
        using var client = portal.CreateClient();

        var document = XDocument.Parse(await client.GetStringAsync("/mail/config-v1.1.xml"));

        Assert.Equal("https://portal.example.jp/guides/thunderbird", document.XPathSelectElement("//documentation")?.Attribute("url")?.Value);
    }

    [Theory]
    [InlineData("taro%40example.com")]
    [InlineData("not-an-address")]
    [InlineData("Taro%20%3Ctaro%40example.jp%3E")]
    public async Task An_address_outside_the_ISPs_domain_is_not_answered(string address)
    {
        await using var portal = MailSetup.Variations[0].Portal();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync($"/mail/config-v1.1.xml?emailaddress={address}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void AssertServer(XElement server, string host, int port, ConnectionSecurity security, UserNameFormat format)
    {
        Assert.Equal(host, server.Element("hostname")?.Value);
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.Element("port")?.Value);
        var socketType = security switch { ConnectionSecurity.StartTls => "STARTTLS", ConnectionSecurity.SslOnConnect => "SSL", _ => "plain" };
        Assert.Equal(socketType, server.Element("socketType")?.Value);
        Assert.Equal(format == UserNameFormat.LocalPart ? "%EMAILLOCALPART%" : "%EMAILADDRESS%", server.Element("username")?.Value);
        Assert.Equal("password-cleartext", server.Element("authentication")?.Value);
    }
}
