using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.DemoSubmission;
using Portal.Core.Probe;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Probe;

/// <summary>What the desk adds around the probe: port 465 when 587 fails, a real test message on request, the other-provider form.</summary>
public sealed class ProbeDeskTests(DemoServerFixture demo) : IClassFixture<DemoServerFixture>
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false };

    [Fact]
    public async Task When_587_fails_but_the_ISPs_465_works_the_member_is_warned_not_failed()
    {
        var pem = Path.Combine(Path.GetTempPath(), $"demo-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, demo.Certificate.ExportCertificatePem());
        try
        {
            using var portal = new PortalFactory(new Dictionary<string, string?>
            {
                ["Demo:Enabled"] = "false",
                ["Isp:Submission:Host"] = "127.0.0.1",
                ["Isp:Submission:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Isp:ImplicitTls:Host"] = "127.0.0.1",
                ["Isp:ImplicitTls:Port"] = demo.ImplicitTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Submission:TrustedCertificateFile"] = pem,
            });
            using var client = portal.CreateClient(NoRedirects);

            using var response = await ProbeForm.PostAsync(client, DemoServerFixture.Account, DemoServerFixture.Password);
            var result = await PageReader.GetAsync(client, response.Headers.Location!.OriginalString + "?culture=en");

            Assert.Equal("warn", result.QuerySelector("#verdict")?.GetAttribute("data-verdict"));
            Assert.Equal("connect-refused", result.QuerySelector("#verdict")?.GetAttribute("data-diagnosis"));
            Assert.Equal("warn", result.QuerySelector("tr[data-step=alternative-465]")?.GetAttribute("data-status"));
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public async Task On_request_one_real_test_message_goes_to_the_members_own_address()
    {
        var sink = new CapturingSink();
        using var portal = new PortalFactory(services: s => s.AddSingleton<IDemoMessageSink>(sink));
        using var client = portal.CreateClient(NoRedirects);

        using var response = await ProbeForm.PostAsync(client, DemoServerFixture.Account, DemoServerFixture.Password, sendTestMessage: true);
        var result = await PageReader.GetAsync(client, response.Headers.Location!.OriginalString);

        Assert.Equal("pass", result.QuerySelector("tr[data-step=test-message]")?.GetAttribute("data-status"));
        var message = Assert.Single(sink.Messages);
        Assert.Equal(DemoServerFixture.Account, message.EnvelopeFrom);
        Assert.Equal([DemoServerFixture.Account], message.Recipients);
        Assert.True(message.IsTls);
    }

    [Fact]
    public async Task No_test_message_unless_asked()
    {
        var sink = new CapturingSink();
        using var portal = new PortalFactory(services: s => s.AddSingleton<IDemoMessageSink>(sink));
        using var client = portal.CreateClient(NoRedirects);

        using var response = await ProbeForm.PostAsync(client, DemoServerFixture.Account, DemoServerFixture.Password);

        Assert.Empty(sink.Messages);
    }

    [Theory]
    [InlineData("127.0.0.1", "587", "That server cannot be tested (it is an internal or local address).")]
    [InlineData("192.168.10.1", "465", "That server cannot be tested (it is an internal or local address).")]
    [InlineData("smtp.other.example", "25", "Other providers' servers can be tested on port 587 or 465 only.")]
    public async Task The_other_provider_form_refuses_local_hosts_and_other_ports(string host, string port, string message)
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["Submission:OtherProviders:Enabled"] = "true" });
        using var client = portal.CreateClient(NoRedirects);

        using var response = await ProbeForm.PostAsync(client, "someone@other.example", "pw", otherHost: host, otherPort: port);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await PageReader.ParseAsync(response)).QuerySelector("#probe-problem")?.TextContent);
    }

    [Fact]
    public async Task Without_the_operators_consent_there_is_no_other_provider_field_and_the_host_is_refused()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        var page = await PageReader.GetAsync(client, "/test");
        using var response = await ProbeForm.PostAsync(client, "someone@other.example", "pw", otherHost: "smtp.other.example", otherPort: "587");

        Assert.Null(page.QuerySelector("#other-host"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Hosts_that_never_answer_named_as_other_providers_cannot_take_the_slots_the_ISPs_members_need()
    {
        // Other providers are probed on 587 or 465 only: the tarpit takes 587 on a loopback address of its own.
        var tarpitAddress = IPAddress.Parse("127.5.8.7");
        await using var tarpit = new ScriptedSmtpServer((_, ct) => Task.Delay(Timeout.Infinite, ct), new IPEndPoint(tarpitAddress, 587));
        using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Submission:OtherProviders:Enabled"] = "true",
            ["Submission:OtherProviders:AllowedHosts:0"] = tarpitAddress.ToString(),
            ["Submission:OtherProviders:MaxConcurrent"] = "2",
            ["Submission:OtherProviders:BudgetSeconds"] = "3",
            ["Submission:Limits:MaxConcurrent"] = "2",
            ["Submission:Limits:QueueWaitSeconds"] = "0",
        });
        var desk = portal.Services.GetRequiredService<ProbeDesk>();
        var clock = Stopwatch.StartNew();

        var tarpitted = Enumerable.Range(1, 4).Select(i => desk.RunAsync(
            new MemberProbe($"someone{i}@other.example", "pw", null, $"192.0.2.{i}", OtherHost: tarpitAddress.ToString(), OtherPort: 587), null, CancellationToken.None)).ToList();
        while (tarpit.Connections < 2) await Task.Delay(20);
        var isp = await desk.RunAsync(new MemberProbe(DemoServerFixture.Account, DemoServerFixture.Password, null, "192.0.2.100"), null, CancellationToken.None);
        var outcomes = await Task.WhenAll(tarpitted);
        var tarpitsTook = clock.Elapsed;

        Assert.Equal(ProbeVerdict.Pass, Assert.IsType<ProbeOutcome.Completed>(isp).Result.Report.Verdict);
        Assert.Equal(2, outcomes.Count(o => o is ProbeOutcome.Busy));
        Assert.All(outcomes.OfType<ProbeOutcome.Completed>(), o => Assert.Equal(Diagnosis.GreetingTimeout, o.Result.Report.Diagnosis));
        Assert.Equal(2, outcomes.OfType<ProbeOutcome.Completed>().Count());
        Assert.True(tarpitsTook < TimeSpan.FromSeconds(3 + 2), $"a tarpit held its slot past the other-provider budget: {tarpitsTook}");
    }

    [Fact]
    public async Task The_password_appears_in_no_log_line_no_database_row_and_no_page()
    {
        // Demo mode off: the demo notice shows the demo password on purpose. The portal probes the demo server as the ISP's.
        var secret = DemoServerFixture.Password;
        var pem = Path.Combine(Path.GetTempPath(), $"demo-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, demo.Certificate.ExportCertificatePem());
        var logs = new CapturedLogs();
        using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace", ["Demo:Enabled"] = "false", ["Isp:Submission:Host"] = "127.0.0.1",
            ["Isp:Submission:Port"] = demo.StartTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Submission:TrustedCertificateFile"] = pem,
        }, services => services.AddLogging(b => b.AddProvider(logs)));
        using var client = portal.CreateClient(NoRedirects);
        var pages = new List<string>();

        foreach (var password in new[] { secret, secret + "x" })
        {
            using var response = await ProbeForm.PostAsync(client, DemoServerFixture.Account, password, sendTestMessage: true);
            pages.Add(await response.Content.ReadAsStringAsync());
            pages.Add(await client.GetStringAsync(response.Headers.Location!.OriginalString));
        }

        var token = PageReader.AntiforgeryToken(await PageReader.GetAsync(client, "/test"));
        using (var streamed = await client.PostAsync("/test/run", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["__RequestVerificationToken"] = token, ["Account"] = DemoServerFixture.Account, ["Password"] = secret,
               })))
            pages.Add(await streamed.Content.ReadAsStringAsync());
        using (var bad = await ProbeForm.PostAsync(client, "bad account", secret)) pages.Add(await bad.Content.ReadAsStringAsync());
        File.Delete(pem);

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(pages, p => p.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("data-verdict=\"pass\"", StringComparison.Ordinal));
        var rows = await PasswordWatch.EveryDatabaseValueAsync(portal.DatabaseFile);
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, v => v.Contains(secret, StringComparison.Ordinal));
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret));
        Assert.DoesNotContain(rows.Concat(logs.Lines).Concat(pages), v => v.Contains(encoded, StringComparison.Ordinal));
    }


    private sealed class CapturingSink : IDemoMessageSink
    {
        public ConcurrentQueue<DemoMessage> Messages { get; } = new();

        public Task AcceptAsync(DemoMessage message, CancellationToken cancellationToken)
        {
            Messages.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
