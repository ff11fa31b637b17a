using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Core.Configuration;
using Portal.Core.Probe;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Probe;

/// <summary>What a hostile or broken server, or a careless deployment, must not be able to do to the probe.</summary>
public sealed class ProbeHardeningTests
{
    private static SubmissionProbe Probe() => new(new ProbeSettings(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(2), [], false), TimeProvider.System);

    private static ProbeRequest Plain(int port, string password = "s3cret-PW") =>
        new(new ProbeTarget("127.0.0.1", port, ConnectionSecurity.None), "taro@example.jp", password, "taro@example.jp", "postmaster@example.jp");

    [Fact]
    public void A_login_exchange_split_across_reads_stays_hidden()
    {
        var transcript = new ProbeTranscript(System.Diagnostics.Stopwatch.StartNew());
        void Client(string s) => transcript.LogClient(Encoding.ASCII.GetBytes(s), 0, s.Length);
        void Server(string s) => transcript.LogServer(Encoding.ASCII.GetBytes(s), 0, s.Length);
        var user = Convert.ToBase64String("taro@example.jp"u8.ToArray());
        var password = Convert.ToBase64String("s3cret-PW"u8.ToArray());

        Client("AUTH LOGIN\r\n");
        Server("33");
        Server("4 VXNlcm5hbWU6\r\n");
        Client(user[..5]);
        Client(user[5..] + "\r\n");
        Server("334 UGFzc3dvcmQ6\r");
        Server("\n");
        Client(password + "\r\n");
        Server("235 2.7.0 Authentication successful\r\n");
        transcript.AuthenticationEnded();
        Client("MAIL FROM:<taro@example.jp>\r\n");

        var text = transcript.ToString();
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(user, text, StringComparison.Ordinal);
        Assert.Contains($"C: {ProbeTranscript.HiddenAuth}", text, StringComparison.Ordinal);
        Assert.Contains("S: 235 2.7.0 Authentication successful", text, StringComparison.Ordinal);
        Assert.Contains("C: MAIL FROM:<taro@example.jp>", text, StringComparison.Ordinal);
        Assert.Equal(235, transcript.LastAuthReply);
    }

    [Fact]
    public void A_server_that_frames_its_replies_to_look_finished_cannot_end_the_hiding_before_the_password_is_sent()
    {
        var transcript = new ProbeTranscript(System.Diagnostics.Stopwatch.StartNew());
        void Client(string s) => transcript.LogClient(Encoding.ASCII.GetBytes(s), 0, s.Length);
        void Server(string s) => transcript.LogServer(Encoding.ASCII.GetBytes(s), 0, s.Length);
        var password = Convert.ToBase64String("s3cret-PW"u8.ToArray());

        Client("AUTH LOGIN\r\n");
        Server("334 VXNlcm5hbWU6\r\n");
        Client(Convert.ToBase64String("taro@example.jp"u8.ToArray()) + "\r\n");
        // The 235 comes with the password prompt, before the password: only the probe knows authentication is not over.
        Server("334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication successful\r\n");
        Client(password + "\r\n");
        transcript.AuthenticationEnded();
        Client("QUIT\r\n");

        var text = transcript.ToString();
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.Contains("C: QUIT", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_server_gets_nothing_of_the_password_into_the_stored_transcript_however_it_frames_or_echoes()
    {
        const string password = "s3cret-PW";
        var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes("\0taro@example.jp\0" + password));
        await using var hostile = new ScriptedSmtpServer(async (c, ct) =>
        {
            await c.SendAsync("220 smtp.example.jp ESMTP", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("250-smtp.example.jp\n250 AUTH LOGIN", ct);
            await c.ReadLineAsync(ct); // AUTH LOGIN
            await c.SendAsync("334 VXNlcm5hbWU6", ct);
            await c.ReadLineAsync(ct); // the user name
            await c.SendRawAsync(Encoding.ASCII.GetBytes("334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication successful\r\n"), ct);
            var sent = await c.ReadLineAsync(ct); // the password, base64
            // Echoed back in every form a transcript could keep.
            await c.SendAsync($"535 5.7.8 {sent} {password} {plain} not accepted", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("221 bye", ct);
        });

        var report = await Probe().RunAsync(Plain(hostile.Port, password), null, CancellationToken.None);

        foreach (var secret in new[] { password, Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), plain })
            Assert.DoesNotContain(secret, report.Transcript, StringComparison.Ordinal);
        Assert.Contains($"{ProbeTranscript.HiddenSecret} {ProbeTranscript.HiddenSecret} {ProbeTranscript.HiddenSecret} not accepted", report.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Greeting_and_EHLO_are_shown_as_they_happen_not_when_the_connection_is_set_up()
    {
        var shown = new System.Collections.Concurrent.ConcurrentQueue<ProbeStep>();
        var seenWhileWaiting = false;
        await using var slow = new ScriptedSmtpServer(async (c, ct) =>
        {
            await c.SendAsync("220 smtp.example.jp ESMTP", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("250-smtp.example.jp\n250 STARTTLS", ct);
            await c.ReadLineAsync(ct);
            // The member should already see the greeting and EHLO while the server makes them wait here.
            for (var i = 0; i < 150 && !seenWhileWaiting; i++)
            {
                seenWhileWaiting = shown.Any(s => s.Name == ProbeSteps.Ehlo) && shown.Any(s => s.Name == ProbeSteps.Greeting);
                if (!seenWhileWaiting) await Task.Delay(20, ct);
            }

            await c.SendAsync("454 4.7.0 TLS not available due to local problem", ct);
            while (await c.ReadLineAsync(ct) is { } line) await c.SendAsync(line.StartsWith("QUIT", StringComparison.Ordinal) ? "221 bye" : "503 no", ct);
        });

        var report = await Probe().RunAsync(Plain(slow.Port) with { Target = new ProbeTarget("127.0.0.1", slow.Port, ConnectionSecurity.StartTls) },
            new Reporter(shown), CancellationToken.None);

        Assert.True(seenWhileWaiting, "greeting and EHLO were not shown until the connection was set up");
        Assert.Single(shown, s => s.Name == ProbeSteps.Greeting);
        Assert.Single(shown, s => s.Name == ProbeSteps.Ehlo);
        Assert.Equal(ProbeVerdict.Fail, report.Verdict);
    }

    private sealed class Reporter(System.Collections.Concurrent.ConcurrentQueue<ProbeStep> shown) : IProgress<ProbeStep>
    {
        public void Report(ProbeStep value) => shown.Enqueue(value);
    }

    [Fact]
    public void One_account_however_it_is_typed_is_one_throttle_key()
    {
        using var portal = new PortalFactory();
        var desk = portal.Services.GetService(typeof(ProbeDesk)) as ProbeDesk;

        Assert.Equal(desk!.ThrottleKey("hanako"), desk.ThrottleKey("HANAKO@example.jp"));
        Assert.Equal(desk.ThrottleKey("ｈａｎａｋｏ@example.jp"), desk.ThrottleKey("hanako@example.jp"));
        Assert.False(ProbeDesk.LooksLikeAccount("hana\u200Bko@example.jp"));
        Assert.False(ProbeDesk.LooksLikeAccount("a(b@example.jp"));
    }

    [Theory]
    [InlineData("FullAddress")]
    [InlineData("LocalPart")]
    public async Task Every_way_of_typing_one_account_draws_on_one_allowance_and_another_domain_is_refused_unprobed(string format)
    {
        // With LocalPart the server is sent "taro" whatever domain was typed: other domains must not be fresh allowances.
        using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Isp:UserNameFormat"] = format, ["Submission:Limits:PerAccount"] = "2", ["Submission:Limits:PerClientIp"] = "100",
        });
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });
        var sessions = portal.Services.GetService(typeof(Portal.Core.DemoSubmission.DemoSessionCount)) as Portal.Core.DemoSubmission.DemoSessionCount;

        var answers = new List<HttpStatusCode>();
        string? refusal = null;
        foreach (var account in new[] { "taro@1.example", "taro@2.example", "taro", "TARO@example.jp", "ｔａｒｏ@ＥＸＡＭＰＬＥ.JP" })
        {
            using var response = await ProbeForm.PostAsync(client, account, "a guess");
            answers.Add(response.StatusCode);
            refusal ??= response.StatusCode == HttpStatusCode.BadRequest ? (await PageReader.ParseAsync(response)).QuerySelector("#probe-problem")?.TextContent : null;
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal("Type your address at example.jp, or its user name. Addresses at other providers cannot be tested here.", refusal);
        Assert.Equal(2, sessions!.Total);
    }

    [Fact]
    public async Task A_password_longer_than_any_real_one_is_refused_with_a_word_why_and_never_sent()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });
        var sessions = portal.Services.GetService(typeof(Portal.Core.DemoSubmission.DemoSessionCount)) as Portal.Core.DemoSubmission.DemoSessionCount;

        using var response = await ProbeForm.PostAsync(client, "demo@example.jp", new string('x', ProbeDesk.MaxPasswordLength + 1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("That password is too long (256 characters at most). Please type it again.", (await PageReader.ParseAsync(response)).QuerySelector("#probe-problem")?.TextContent);
        Assert.Equal(0, sessions!.Total);
    }

    [Fact]
    public async Task When_the_database_stops_answering_the_member_is_told_and_nothing_is_probed_twice()
    {
        await using var server = new ScriptedSmtpServer((c, ct) => c.SendAsync("421 4.3.2 busy", ct));
        using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false", ["Isp:Submission:Host"] = "127.0.0.1",
            ["Isp:Submission:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });
        var token = PageReader.AntiforgeryToken(await PageReader.GetAsync(client, "/test?culture=en"));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.WriteAllText(portal.DatabaseFile, "this is not a database any more");
        foreach (var journal in new[] { "-wal", "-shm" }) File.Delete(portal.DatabaseFile + journal);
        using var response = await client.PostAsync("/test?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Account"] = "taro@example.jp", ["Password"] = "pw",
        }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("The test cannot be run or kept right now. Please try again in a few minutes.",
            (await PageReader.ParseAsync(response)).QuerySelector("#probe-problem")?.TextContent);
        Assert.Equal(0, server.Connections);
    }
}
