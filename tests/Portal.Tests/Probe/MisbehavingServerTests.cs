using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;
using Portal.Core.Probe;
using Portal.Tests.Infrastructure;
using Conversation = Portal.Tests.Infrastructure.ScriptedSmtpServer.Conversation;

namespace Portal.Tests.Probe;

/// <summary>The certificate the scripted servers present after STARTTLS; the probe trusts it, as it would the ISP's.</summary>
public sealed class ScriptedCertificate : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public X509Certificate2 Certificate { get; private set; } = null!;

    public async Task InitializeAsync() => Certificate = await DemoCertificate.LoadOrCreateAsync(_folder.File("scripted.pfx"), CancellationToken.None);

    public Task DisposeAsync()
    {
        Certificate.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The corpus of misbehaving servers: each one, met on the submission port with STARTTLS, ends the probe in its own
/// diagnosis within the budget, at the step where it misbehaved, and never in an exception. A well-behaved script
/// passes first, so every failure below comes from the one thing its server does wrong.
/// </summary>
public sealed class MisbehavingServerTests(ScriptedCertificate tls) : IClassFixture<ScriptedCertificate>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(1);

    private delegate Task Script(Conversation c, X509Certificate2 certificate, CancellationToken ct);

    private sealed record Case(Script Script, string Diagnosis, string Step);

    private static readonly Dictionary<string, Case> Corpus = new()
    {
        ["well-behaved"] = new(Submission(), Diagnosis.Ok, ProbeSteps.Quit),
        ["greeting one byte at a time"] = new(async (c, _, ct) =>
        {
            foreach (var b in Encoding.ASCII.GetBytes("220 smtp.example.jp ESMTP\r\n"))
            {
                await c.SendRawAsync([b], ct);
                await Task.Delay(20, ct);
            }

            await c.ReadLineAsync(ct);
            await c.SendAsync("250-smtp.example.jp\n250 PIPELINING", ct);
            await c.ReadLineAsync(ct);
        }, Diagnosis.TlsNotOffered, ProbeSteps.Tls),

        // Time: what a server withholds ends at the step timeout, what it trickles at the budget.
        ["silence"] = new((_, _, ct) => Task.Delay(Timeout.Infinite, ct), Diagnosis.GreetingTimeout, ProbeSteps.Greeting),
        ["a greeting that never ends, one byte every 100 ms"] = new(async (c, _, ct) =>
        {
            await c.SendRawAsync("220 "u8.ToArray(), ct);
            while (true)
            {
                await c.SendRawAsync("x"u8.ToArray(), ct);
                await Task.Delay(100, ct);
            }
        }, Diagnosis.GreetingTimeout, ProbeSteps.Greeting),
        ["no answer to EHLO"] = new(async (c, _, ct) =>
        {
            await c.SendAsync("220 smtp.example.jp ESMTP", ct);
            await Task.Delay(Timeout.Infinite, ct);
        }, Diagnosis.ProtocolError, ProbeSteps.Ehlo),

        // Refusals at the greeting.
        ["421 at the greeting"] = new((c, _, ct) => c.SendAsync("421 4.3.2 Too many connections, try again later", ct), Diagnosis.ServerBusy, ProbeSteps.Greeting),
        ["554 at the greeting"] = new((c, _, ct) => c.SendAsync("554 5.7.1 No SMTP service here", ct), Diagnosis.ProtocolError, ProbeSteps.Greeting),

        // Not SMTP at all, or SMTP that stops.
        ["binary noise"] = new(async (c, _, ct) =>
        {
            var noise = new byte[4096];
            new Random(587).NextBytes(noise);
            await c.SendRawAsync(noise, ct);
            while (await c.ReadLineAsync(ct) is not null) await c.SendRawAsync(noise, ct);
        }, Diagnosis.ProtocolError, ProbeSteps.Greeting),
        ["an HTTP server"] = new(async (c, _, ct) =>
        {
            await c.SendAsync("HTTP/1.1 400 Bad Request\nContent-Length: 0\n", ct);
            await c.ReadLineAsync(ct);
        }, Diagnosis.ProtocolError, ProbeSteps.Greeting),
        ["plain text after the greeting"] = new(async (c, _, ct) =>
        {
            await c.SendAsync("220 ok", ct);
            while (await c.ReadLineAsync(ct) is not null) await c.SendAsync("this is not smtp at all", ct);
        }, Diagnosis.ProtocolError, ProbeSteps.Ehlo),
        ["hang-up after the greeting"] = new((c, _, ct) => c.SendAsync("220 smtp.example.jp ESMTP", ct), Diagnosis.ProtocolError, ProbeSteps.Ehlo),
        ["a greeting line of 4 MB"] = new(async (c, _, ct) =>
        {
            await c.SendRawAsync(Encoding.ASCII.GetBytes("220 " + new string('x', 4 * 1024 * 1024) + "\r\n"), ct);
            await c.ReadLineAsync(ct);
        }, Diagnosis.ProtocolError, ProbeSteps.Greeting),
        ["an EHLO line of 4 MB"] = new(async (c, _, ct) =>
        {
            await c.SendAsync("220 smtp.example.jp ESMTP", ct);
            await c.ReadLineAsync(ct);
            await c.SendRawAsync(Encoding.ASCII.GetBytes("250 " + new string('x', 4 * 1024 * 1024) + "\r\n"), ct);
            await c.ReadLineAsync(ct);
        }, Diagnosis.ProtocolError, ProbeSteps.Ehlo),
        ["endless continuation lines"] = new(async (c, _, ct) =>
        {
            await c.SendAsync("220 smtp.example.jp ESMTP", ct);
            await c.ReadLineAsync(ct);
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("250-" + new string('X', 1000) + "\r\n", 64)));
            while (true) await c.SendRawAsync(chunk, ct);
        }, Diagnosis.ProtocolError, ProbeSteps.Ehlo),
        ["421 at EHLO"] = new(async (c, _, ct) =>
        {
            await c.SendAsync("220 smtp.example.jp ESMTP", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("421 4.7.0 smtp.example.jp closing connection", ct);
        }, Diagnosis.ServerBusy, ProbeSteps.Ehlo),

        // STARTTLS.
        ["no STARTTLS"] = new(async (c, _, ct) =>
        {
            await c.SendAsync("220 smtp.example.jp ESMTP", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("250-smtp.example.jp\n250-PIPELINING\n250 AUTH PLAIN LOGIN", ct);
            await c.ReadLineAsync(ct);
            await c.SendAsync("221 bye", ct);
        }, Diagnosis.TlsNotOffered, ProbeSteps.Tls),
        ["454 at STARTTLS"] = new(async (c, _, ct) =>
        {
            await ToStartTls(c, ct);
            await c.SendAsync("454 4.7.0 TLS not available due to temporary reason", ct);
            await c.ReadLineAsync(ct);
        }, Diagnosis.ServerBusy, ProbeSteps.Tls),
        ["plain text after 220 Ready"] = new(async (c, _, ct) =>
        {
            await ToStartTls(c, ct);
            await c.SendAsync("220 2.0.0 Ready to start TLS", ct);
            await c.SendAsync("250 this is still plain text", ct);
            await c.ReadLineAsync(ct);
        }, Diagnosis.TlsFailed, ProbeSteps.Tls),
        ["hang-up mid-handshake"] = new(async (c, _, ct) =>
        {
            await ToStartTls(c, ct);
            await c.SendAsync("220 2.0.0 Ready to start TLS", ct);
            await c.ReadBytesAsync(16, ct);
        }, Diagnosis.TlsFailed, ProbeSteps.Tls),

        // After TLS: AUTH.
        ["no AUTH after TLS"] = new(Submission(capabilities: "250-smtp.example.jp\n250 PIPELINING"), Diagnosis.AuthNotOffered, ProbeSteps.AuthMechanisms),
        ["only OAuth after TLS"] = new(Submission(capabilities: "250-smtp.example.jp\n250 AUTH XOAUTH2 OAUTHBEARER"), Diagnosis.AuthNotOffered, ProbeSteps.AuthMechanisms),
        ["only Kerberos and NTLM after TLS"] = new(Submission(capabilities: "250-smtp.example.jp\n250 AUTH GSSAPI NTLM"), Diagnosis.AuthNotOffered, ProbeSteps.AuthMechanisms),
        ["454 at AUTH"] = new(Submission(auth: "454 4.7.0 Temporary authentication failure"), Diagnosis.ServerBusy, ProbeSteps.Authenticate),
        ["432 at AUTH"] = new(Submission(auth: "432 4.7.12 A password transition is needed"), Diagnosis.ServerBusy, ProbeSteps.Authenticate),
        ["535 at AUTH"] = new(Submission(auth: "535 5.7.8 Authentication credentials invalid"), Diagnosis.AuthFailed, ProbeSteps.Authenticate),
        ["538 at AUTH"] = new(Submission(auth: "538 5.7.11 Encryption required for requested authentication mechanism"), Diagnosis.TlsFailed, ProbeSteps.Authenticate),
        ["hang-up at AUTH"] = new(Submission(hangUpAt: "AUTH"), Diagnosis.ProtocolError, ProbeSteps.Authenticate),

        // After AUTH: the envelope.
        ["553 at MAIL FROM"] = new(Submission(mail: "553 5.7.1 <taro@example.jp>: Sender address rejected: not owned by user"), Diagnosis.SenderRejected, ProbeSteps.Sender),
        ["451 at MAIL FROM"] = new(Submission(mail: "451 4.3.0 Local error in processing"), Diagnosis.ServerBusy, ProbeSteps.Sender),
        ["421 at MAIL FROM"] = new(Submission(mail: "421 4.4.2 smtp.example.jp Error: timeout exceeded", hangUpAt: "MAIL"), Diagnosis.ServerBusy, ProbeSteps.Sender),
        ["450 at RCPT TO"] = new(Submission(rcpt: "450 4.2.0 Mailbox busy"), Diagnosis.ServerBusy, ProbeSteps.Sender),
        ["hang-up at MAIL FROM"] = new(Submission(hangUpAt: "MAIL"), Diagnosis.ProtocolError, ProbeSteps.Sender),
    };

    public static TheoryData<string> Servers => new(Corpus.Keys);

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Each_misbehaving_server_ends_in_its_diagnosis_at_its_step_within_the_budget(string server)
    {
        var (script, diagnosis, step) = Corpus[server];
        await using var scripted = new ScriptedSmtpServer((c, ct) => script(c, tls.Certificate, ct));
        var probe = new SubmissionProbe(new ProbeSettings(Budget, StepTimeout, [tls.Certificate], AcceptAnyCertificate: false), TimeProvider.System);
        var request = new ProbeRequest(new ProbeTarget("127.0.0.1", scripted.Port, ConnectionSecurity.StartTls), "taro@example.jp", "s3cret-PW", "taro@example.jp", "postmaster@example.jp");
        var clock = Stopwatch.StartNew();

        var report = await probe.RunAsync(request, null, CancellationToken.None);

        Assert.True(clock.Elapsed < Budget + TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal(diagnosis, report.Diagnosis);
        Assert.Equal(diagnosis == Diagnosis.Ok ? ProbeVerdict.Pass : ProbeVerdict.Fail, report.Verdict);
        var steps = report.Steps.Select(s => s.Name).ToList();
        Assert.Equal(ProbeSteps.All, steps);
        var at = steps.IndexOf(step);
        Assert.All(report.Steps.Take(at), s => Assert.Equal(ProbeStatus.Pass, s.Status));
        Assert.Equal(diagnosis == Diagnosis.Ok ? ProbeStatus.Pass : ProbeStatus.Fail, report.Steps[at].Status);
        Assert.All(report.Steps.Skip(at + 1), s => Assert.Equal(ProbeStatus.Skipped, s.Status));
        Assert.DoesNotContain("s3cret-PW", report.Transcript, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("454 4.7.0 Temporary authentication failure")]
    [InlineData("535 5.7.8 Authentication credentials invalid")]
    [InlineData("538 5.7.11 Encryption required for requested authentication mechanism")]
    public async Task The_authenticate_step_quotes_the_status_the_server_answered(string reply)
    {
        await using var scripted = new ScriptedSmtpServer((c, ct) => Submission(auth: reply)(c, tls.Certificate, ct));
        var probe = new SubmissionProbe(new ProbeSettings(Budget, StepTimeout, [tls.Certificate], AcceptAnyCertificate: false), TimeProvider.System);

        var report = await probe.RunAsync(new ProbeRequest(new ProbeTarget("127.0.0.1", scripted.Port, ConnectionSecurity.StartTls), "taro@example.jp", "s3cret-PW", "taro@example.jp", "postmaster@example.jp"), null, CancellationToken.None);

        Assert.StartsWith(reply[..3], report.Steps.Single(s => s.Name == ProbeSteps.Authenticate).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250 AUTH LOGIN PLAIN CRAM-MD5", "AUTH PLAIN")]
    [InlineData("250 AUTH CRAM-MD5 LOGIN", "AUTH LOGIN")]
    [InlineData("250 AUTH CRAM-MD5", "AUTH CRAM-MD5")]
    public async Task A_refused_password_is_tried_once_with_one_mechanism(string offered, string tried)
    {
        // MailKit on its own tries the next mechanism after a refusal: each try is a failed sign-in at the ISP's server.
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var scripted = new ScriptedSmtpServer((c, ct) =>
            Submission(capabilities: $"250-smtp.example.jp\n{offered}", auth: "535 5.7.8 Authentication credentials invalid", heard: heard.Enqueue)(c, tls.Certificate, ct));
        var probe = new SubmissionProbe(new ProbeSettings(Budget, StepTimeout, [tls.Certificate], AcceptAnyCertificate: false), TimeProvider.System);

        var report = await probe.RunAsync(new ProbeRequest(new ProbeTarget("127.0.0.1", scripted.Port, ConnectionSecurity.StartTls), "taro@example.jp", "s3cret-PW", "taro@example.jp", "postmaster@example.jp"), null, CancellationToken.None);

        Assert.Equal(Diagnosis.AuthFailed, report.Diagnosis);
        var auth = Assert.Single(heard, l => l.StartsWith("AUTH ", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith(tried, auth, StringComparison.Ordinal);
    }

    /// <summary>Greeting and a first EHLO offering STARTTLS; reads the STARTTLS command.</summary>
    private static async Task ToStartTls(Conversation c, CancellationToken ct)
    {
        await c.SendAsync("220 smtp.example.jp ESMTP", ct);
        await c.ReadLineAsync(ct);
        await c.SendAsync("250-smtp.example.jp\n250-PIPELINING\n250 STARTTLS", ct);
        await c.ReadLineAsync(ct);
    }

    /// <summary>
    /// A submission server that does everything right through TLS, then answers AUTH, MAIL FROM and RCPT TO as told
    /// (success when not told); at the command <paramref name="hangUpAt"/> it gives its told answer, if any, and hangs up.
    /// </summary>
    private static Script Submission(string capabilities = "250-smtp.example.jp\n250 AUTH PLAIN", string? auth = null, string? mail = null, string? rcpt = null,
        string? hangUpAt = null, Action<string>? heard = null) => async (c, certificate, ct) =>
    {
        await ToStartTls(c, ct);
        await c.SendAsync("220 2.0.0 Ready to start TLS", ct);
        await c.StartTlsAsync(certificate, ct);
        await c.ReadLineAsync(ct);
        await c.SendAsync(capabilities, ct);
        while (await c.ReadLineAsync(ct) is { } line)
        {
            heard?.Invoke(line);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            if (verb == hangUpAt)
            {
                // The last word, if the case has one for this command, then the connection closes.
                if ((verb == "AUTH" ? auth : verb == "MAIL" ? mail : null) is { } last) await c.SendAsync(last, ct);
                return;
            }

            await c.SendAsync(verb switch
            {
                "AUTH" => auth ?? "235 2.7.0 Authentication successful",
                "MAIL" => mail ?? "250 2.1.0 Ok",
                "RCPT" => rcpt ?? "250 2.1.5 Ok",
                "QUIT" => "221 2.0.0 Bye",
                _ => "250 2.0.0 Ok",
            }, ct);
            if (verb == "QUIT") return;
        }
    };
}
