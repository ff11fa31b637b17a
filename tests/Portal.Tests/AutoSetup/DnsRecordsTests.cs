using Portal.Core.AutoSetup;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Configuration;
using Portal.Core.Staff;
using Portal.Tests.Infrastructure;
using Portal.Tests.Staff;

namespace Portal.Tests.AutoSetup;

/// <summary>The DNS records for operators: what the configuration offers gets an SRV record, everything else a "." one.</summary>
public sealed class DnsRecordsTests
{
    private const string Password = "a long staff password";
    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    private static MemberMailSettings Settings(IncomingProtocol protocol, int port, ConnectionSecurity incoming, ConnectionSecurity submission, MailServer? implicitTls = null) =>
        new("Example.JP",
            new IncomingServer { Protocol = protocol, Host = "mail.example.jp", Port = port, Security = incoming },
            new MailServer { Host = "smtp.example.jp", Port = submission == ConnectionSecurity.SslOnConnect ? 465 : 587, Security = submission },
            implicitTls, UserNameFormat.FullAddress);

    private static Dictionary<string, string> Srv(IEnumerable<DnsRecord> records) =>
        records.Where(r => r.Type == "SRV" && r.Name.StartsWith("_", StringComparison.Ordinal) && !r.Name.StartsWith("_autodiscover", StringComparison.Ordinal))
            .ToDictionary(r => r.Name.Split('.')[0], r => r.Value);

    [Fact]
    public void Pop3S_and_STARTTLS_submission_with_465_on_the_side()
    {
        var records = DnsRecords.For(Settings(IncomingProtocol.Pop3, 995, ConnectionSecurity.SslOnConnect, ConnectionSecurity.StartTls,
            new MailServer { Host = "smtp.example.jp", Port = 465, Security = ConnectionSecurity.SslOnConnect }), "portal.example.jp");

        Assert.Equal(new Dictionary<string, string>
        {
            ["_submission"] = "0 1 587 smtp.example.jp.",
            ["_submissions"] = "10 1 465 smtp.example.jp.",
            ["_imap"] = "0 0 0 .",
            ["_imaps"] = "0 0 0 .",
            ["_pop3"] = "0 0 0 .",
            ["_pop3s"] = "0 1 995 mail.example.jp.",
        }, Srv(records));
        Assert.All(records, r => Assert.EndsWith(".example.jp.", r.Name, StringComparison.Ordinal));
        Assert.Contains(records, r => r.ZoneLine == "autoconfig.example.jp. IN CNAME portal.example.jp.");
        Assert.Contains(records, r => r.ZoneLine == "autodiscover.example.jp. IN CNAME portal.example.jp.");
        Assert.Contains(records, r => r.ZoneLine == "_autodiscover._tcp.example.jp. IN SRV 0 0 443 portal.example.jp.");
    }

    [Fact]
    public void Imap_with_STARTTLS_and_implicit_TLS_submission_only()
    {
        var records = DnsRecords.For(Settings(IncomingProtocol.Imap, 143, ConnectionSecurity.StartTls, ConnectionSecurity.SslOnConnect), "portal.example.jp");

        Assert.Equal(new Dictionary<string, string>
        {
            ["_submission"] = "0 0 0 .",
            ["_submissions"] = "0 1 465 smtp.example.jp.",
            ["_imap"] = "0 1 143 mail.example.jp.",
            ["_imaps"] = "0 0 0 .",
            ["_pop3"] = "0 0 0 .",
            ["_pop3s"] = "0 0 0 .",
        }, Srv(records));
    }

    [Fact]
    public async Task Admins_see_the_records_of_the_configuration_and_agents_do_not()
    {
        var setup = MailSetup.Variations[1];
        await using var portal = setup.Portal(new Dictionary<string, string?>
        {
            ["SupportLinks:PublicBaseUrl"] = "https://portal.example.jp/",
            ["Isp:ImplicitTls:Host"] = "smtps.example.jp",
        });
        var accounts = portal.Services.GetRequiredService<StaffAccounts>();
        Assert.Null(await accounts.AddAsync("admin@example.jp", StaffRoles.Admin, Password, CancellationToken.None));
        Assert.Null(await accounts.AddAsync("agent@example.jp", StaffRoles.Agent, Password, CancellationToken.None));
        using var admin = portal.CreateClient(Browser);
        using var agent = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(admin, "admin@example.jp", Password);
        await StaffPagesTests.SignInAsync(agent, "agent@example.jp", Password);

        using var denied = await agent.GetAsync("/staff/dns-records");
        var page = await PageReader.GetAsync(admin, "/staff/dns-records?culture=en");

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        var rows = page.QuerySelectorAll("#dns-records tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(["_submissions._tcp.example.jp.", "SRV", "0 1 465 smtps.example.jp.", "Sending (port 465 style: TLS from the first byte)"], rows);
        Assert.Contains(rows, r => r[0] == "_submission._tcp.example.jp." && r[2] == "0 0 0 .");
        Assert.Contains(rows, r => r[0] == "_imap._tcp.example.jp." && r[2] == $"0 1 {setup.IncomingPort} {setup.IncomingHost}.");
        Assert.Contains(rows, r => r[0] == "autoconfig.example.jp." && r[1] == "CNAME" && r[2] == "portal.example.jp.");
        Assert.Equal(rows.Count, page.QuerySelector("#dns-zone")!.TextContent.Trim().Split('\n').Length);
        Assert.All(rows, r => Assert.DoesNotContain("AutoSetup.", r[3], StringComparison.Ordinal)); // every purpose has its words
        Assert.Empty(page.QuerySelectorAll(".dns-warning"));
        Assert.Null(page.QuerySelector("#dns-demo"));
    }

    [Fact]
    public async Task In_demo_mode_the_page_says_the_records_are_not_for_publishing()
    {
        await using var portal = new PortalFactory();
        Assert.Null(await portal.Services.GetRequiredService<StaffAccounts>().AddAsync("admin@example.jp", StaffRoles.Admin, Password, CancellationToken.None));
        using var admin = portal.CreateClient(Browser);
        await StaffPagesTests.SignInAsync(admin, "admin@example.jp", Password);

        var page = await PageReader.GetAsync(admin, "/staff/dns-records?culture=en");

        Assert.NotNull(page.QuerySelector("#dns-demo"));
        Assert.Equal("127.0.0.1", page.QuerySelector(".dns-warning[data-host]")?.GetAttribute("data-host"));
        Assert.Contains("0 1 ", page.QuerySelector("#dns-zone")?.TextContent, StringComparison.Ordinal);
    }
}
