using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Core.Probe;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Probe;

/// <summary>The probe against the demo server (real SmtpServer) and against scripted misbehaving servers: each ends with its diagnosis.</summary>
public sealed class SubmissionProbeTests(DemoServerFixture demo) : IClassFixture<DemoServerFixture>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(2);

    private SubmissionProbe Probe(bool trustDemo = true, HostResolver? resolver = null, DateTimeOffset? now = null) =>
        new(new ProbeSettings(Budget, StepTimeout, trustDemo ? [demo.Certificate] : [], AcceptAnyCertificate: false),
            now is null ? TimeProvider.System : new FakeTimeProvider(now.Value), resolver);

    private static ProbeRequest Request(int port, ConnectionSecurity security = ConnectionSecurity.StartTls, string password = DemoServerFixture.Password,
        string host = "127.0.0.1", string sender = DemoServerFixture.Account, IReadOnlyList<IPAddress>? addresses = null) =>
        new(new ProbeTarget(host, port, security, addresses), DemoServerFixture.Account, password, sender, "someone@example.com");

    [Fact]
    public async Task A_good_account_passes_every_step_and_sends_nothing()
    {
        var steps = new List<ProbeStep>();

        var report = await Probe().RunAsync(Request(demo.StartTlsPort), new SynchronousProgress(steps), CancellationToken.None);

        Assert.Equal(ProbeVerdict.Pass, report.Verdict);
        Assert.Equal(Diagnosis.Ok, report.Diagnosis);
        Assert.Equal(ProbeSteps.All, report.Steps.Select(s => s.Name));
        Assert.All(report.Steps, s => Assert.Equal(ProbeStatus.Pass, s.Status));
        Assert.Equal(ProbeSteps.All, steps.Select(s => s.Name));
        Assert.Contains("Tls", report.Steps.Single(s => s.Name == ProbeSteps.Tls).Detail, StringComparison.Ordinal);
        Assert.Contains("AUTH", report.Steps.Single(s => s.Name == ProbeSteps.EhloAgain).Detail, StringComparison.Ordinal);
        Assert.Contains("C: RSET", report.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("C: DATA", report.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_transcript_hides_the_authentication_exchange()
    {
        var report = await Probe().RunAsync(Request(demo.StartTlsPort), null, CancellationToken.None);

        Assert.Contains($"C: {ProbeTranscript.HiddenAuth}", report.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoServerFixture.Password, report.Transcript, StringComparison.Ordinal);
        var plain = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"\0{DemoServerFixture.Account}\0{DemoServerFixture.Password}"));
        Assert.DoesNotContain(plain, report.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(DemoServerFixture.Password)), report.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoServerFixture.Password, report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_auth_failed()
    {
        var report = await Probe().RunAsync(Request(demo.StartTlsPort, password: "not-the-password"), null, CancellationToken.None);

        Assert.Equal((ProbeVerdict.Fail, Diagnosis.AuthFailed), (report.Verdict, report.Diagnosis));
        Assert.Equal(ProbeStatus.Fail, report.Steps.Single(s => s.Name == ProbeSteps.Authenticate).Status);
        Assert.Equal(ProbeStatus.Skipped, report.Steps.Single(s => s.Name == ProbeSteps.Sender).Status);
    }

    [Fact]
    public async Task Implicit_tls_on_the_465_style_port_passes()
    {
        var report = await Probe().RunAsync(Request(demo.ImplicitTlsPort, ConnectionSecurity.SslOnConnect), null, CancellationToken.None);

        Assert.Equal(Diagnosis.Ok, report.Diagnosis);
        Assert.Contains("first byte", report.Steps.Single(s => s.Name == ProbeSteps.Tls).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_for_another_host_name_is_certificate_invalid()
    {
        var report = await Probe().RunAsync(Request(demo.StartTlsPort, host: "smtp.example.jp", addresses: [IPAddress.Loopback]), null, CancellationToken.None);

        Assert.Equal(Diagnosis.CertificateInvalid, report.Diagnosis);
        Assert.Contains("not for this server name", report.Steps.Single(s => s.Name == ProbeSteps.Tls).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_certificate_invalid()
    {
        var report = await Probe(trustDemo: false).RunAsync(Request(demo.StartTlsPort), null, CancellationToken.None);

        Assert.Equal(Diagnosis.CertificateInvalid, report.Diagnosis);
        Assert.Contains("not issued by a trusted authority", report.Steps.Single(s => s.Name == ProbeSteps.Tls).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_that_expires_within_14_days_passes_with_a_warning()
    {
        var report = await Probe(now: new DateTimeOffset(demo.Certificate.NotAfter.ToUniversalTime().AddDays(-10), TimeSpan.Zero))
            .RunAsync(Request(demo.StartTlsPort), null, CancellationToken.None);

        Assert.Equal((ProbeVerdict.Warn, Diagnosis.Ok), (report.Verdict, report.Diagnosis));
        Assert.Equal(ProbeStatus.Warn, report.Steps.Single(s => s.Name == ProbeSteps.Tls).Status);
    }

    [Fact]
    public async Task A_sender_address_the_account_may_not_use_is_sender_rejected()
    {
        var report = await Probe().RunAsync(Request(demo.StartTlsPort, sender: "someone.else@example.jp"), null, CancellationToken.None);

        Assert.Equal(Diagnosis.SenderRejected, report.Diagnosis);
        Assert.Contains("MAIL FROM <someone.else@example.jp>: 5", report.Steps.Single(s => s.Name == ProbeSteps.Sender).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_is_connect_refused()
    {
        var report = await Probe().RunAsync(Request(FreePort.Next()), null, CancellationToken.None);

        Assert.Equal(Diagnosis.ConnectRefused, report.Diagnosis);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_dns_failed()
    {
        // Name lookups would leave loopback: the resolver answers as a DNS server would for a name that does not exist.
        HostResolver nxdomain = (_, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

        var report = await Probe(resolver: nxdomain).RunAsync(Request(587, host: "smtp.no-such-isp.example"), null, CancellationToken.None);

        Assert.Equal(Diagnosis.DnsFailed, report.Diagnosis);
        Assert.Contains("HostNotFound", report.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_in_Japanese_is_looked_up_in_its_ASCII_form()
    {
        var asked = new List<string>();
        HostResolver loopback = (host, _) =>
        {
            asked.Add(host);
            return Task.FromResult(new[] { IPAddress.Loopback });
        };

        var report = await Probe(resolver: loopback).RunAsync(Request(demo.StartTlsPort, host: "例え.テスト"), null, CancellationToken.None);

        Assert.Equal(["xn--r8jz45g.xn--zckzah"], asked);
        Assert.Equal(ProbeStatus.Pass, report.Steps.Single(s => s.Name == ProbeSteps.Connect).Status);
        // The demo certificate is for localhost, so the handshake's name check refuses it (as for any other name).
        Assert.Equal(Diagnosis.CertificateInvalid, report.Diagnosis);
        Assert.Contains("not for this server name", report.Steps.Single(s => s.Name == ProbeSteps.Tls).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_nobody_accepts_is_connect_timeout()
    {
        // A listener that never accepts, with its queue already full: the next SYN is not answered.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await filler.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TimeSpan.FromMilliseconds(300));
            }
            catch (TimeoutException)
            {
                // The queue is full already.
            }

            fillers.Add(filler);
        }

        try
        {
            var report = await Probe().RunAsync(Request(port), null, CancellationToken.None);

            Assert.Equal(Diagnosis.ConnectTimeout, report.Diagnosis);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the steps must be seen in order.</summary>
    private sealed class SynchronousProgress(List<ProbeStep> steps) : IProgress<ProbeStep>
    {
        public void Report(ProbeStep value) => steps.Add(value);
    }
}
