using Portal.Tests.Infrastructure;
using Portal.Core;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using Portal.Core.DemoSubmission;

namespace Portal.Tests.DemoSubmission;

public sealed class DemoSubmissionServerTests : IAsyncLifetime
{
    private const string Account = "demo@example.jp";
    private const string Password = "demo-587-pass";

    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("demo-smtp-");
    private readonly RecordingSink _sink = new();
    private readonly CapturedLogs _logs = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly int _port = FreePort();
    private IHost _host = null!;
    private string _certificateHash = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        // Created up front so the test knows the one certificate to trust; the server must reuse it.
        using var certificate = await DemoCertificate.LoadOrCreateAsync(
            new DemoSubmissionOptions().ResolveCertificatePath(_contentRoot.FullName), Ct);
        _certificateHash = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        _host = BuildHost(_port);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync(Ct);
        _host.Dispose();
        _contentRoot.Delete(recursive: true);
        _timeout.Dispose();
    }

    [Theory]
    [InlineData(Account, "PLAIN")]
    [InlineData("demo", "LOGIN")]
    public async Task Authenticated_submission_over_starttls_reaches_the_sink(string user, string mechanism)
    {
        await _host.StartAsync(Ct);
        using var client = NewClient();

        await client.ConnectAsync("127.0.0.1", _port, SecureSocketOptions.StartTls, Ct);
        Assert.True(client.IsSecure);
        Assert.Contains("PLAIN", client.AuthenticationMechanisms);
        Assert.Contains("LOGIN", client.AuthenticationMechanisms);

        var credentials = new NetworkCredential(user, Password);
        await client.AuthenticateAsync(
            mechanism == "PLAIN" ? new SaslMechanismPlain(credentials) : new SaslMechanismLogin(credentials), Ct);
        await client.SendAsync(NewMessage(), Ct);
        await client.DisconnectAsync(quit: true, Ct);

        var received = Assert.Single(_sink.Messages);
        Assert.Equal(user, received.AuthenticatedUser);
        Assert.True(received.IsTls);
        Assert.Equal(Account, received.EnvelopeFrom);
        Assert.Equal(["someone@example.com"], received.Recipients);
        Assert.Contains("Subject: Demo test", Encoding.ASCII.GetString(received.RawMessage.Span));
        Assert.Contains(_logs.Lines, line => line.Contains($"listening on 127.0.0.1:{_port}"));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(Password));
    }

    [Fact]
    public async Task Auth_is_neither_offered_nor_accepted_before_starttls()
    {
        await _host.StartAsync(Ct);
        using (var client = NewClient())
        {
            await client.ConnectAsync("127.0.0.1", _port, SecureSocketOptions.None, Ct);

            Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.StartTLS));
            Assert.False(client.Capabilities.HasFlag(SmtpCapabilities.Authentication));
            Assert.Empty(client.AuthenticationMechanisms);
        }

        // A client that ignores the capabilities and sends AUTH anyway must be refused.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _port, Ct);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
        var stream = tcp.GetStream();
        Assert.StartsWith("220 " + DemoSubmissionServer.ServerName, await ReadReplyAsync(reader));
        await stream.WriteAsync(Encoding.ASCII.GetBytes("EHLO client.test\r\n"), Ct);
        Assert.StartsWith("250 ", await ReadReplyAsync(reader));
        var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{Account}\0{Password}"));
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH PLAIN {plain}\r\n"), Ct);
        Assert.StartsWith("5", await ReadReplyAsync(reader));
    }

    [Theory]
    [InlineData(Account, "wrong-password")]
    [InlineData("other@example.jp", Password)]
    [InlineData("other", Password)]
    public async Task Other_credentials_are_rejected(string user, string password)
    {
        await _host.StartAsync(Ct);
        using var client = NewClient();
        await client.ConnectAsync("127.0.0.1", _port, SecureSocketOptions.StartTls, Ct);

        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(user, password, Ct));
        Assert.Contains(_logs.Lines, line => line.Contains($"authentication failed for user {user}"));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(password));
    }

    [Theory]
    [InlineData(SecureSocketOptions.StartTls)]
    [InlineData(SecureSocketOptions.None)]
    public async Task Mail_from_without_auth_gets_530(SecureSocketOptions security)
    {
        await _host.StartAsync(Ct);
        using var transcript = new MemoryStream();
        using var client = NewClient(new ProtocolLogger(transcript, leaveOpen: true));
        await client.ConnectAsync("127.0.0.1", _port, security, Ct);

        // MailKit reports a 530 reply to MAIL FROM as ServiceNotAuthenticatedException, not SmtpCommandException.
        var error = await Assert.ThrowsAsync<ServiceNotAuthenticatedException>(() => client.SendAsync(NewMessage(), Ct));

        Assert.Equal("authentication required", error.Message);
        Assert.Contains($"C: MAIL FROM:<{Account}>", Encoding.UTF8.GetString(transcript.ToArray()));
        Assert.Contains("S: 530 authentication required", Encoding.UTF8.GetString(transcript.ToArray()));
        Assert.Empty(_sink.Messages);
    }

    [Fact]
    public async Task Start_fails_clearly_when_the_port_is_taken()
    {
        var occupier = new TcpListener(IPAddress.Loopback, _port);
        occupier.Start();
        try
        {
            var error = await Assert.ThrowsAsync<PortalStartupException>(() => _host.StartAsync(Ct));

            Assert.Contains("Demo:Address", error.Message);
            Assert.Contains($"Demo:Port = {_port}", error.Message);
            Assert.IsType<SocketException>(error.InnerException);
        }
        finally
        {
            occupier.Stop();
        }
    }

    [Fact]
    public async Task Stops_promptly_with_an_open_session_and_releases_the_port()
    {
        await _host.StartAsync(Ct);
        using var client = NewClient();
        await client.ConnectAsync("127.0.0.1", _port, SecureSocketOptions.StartTls, Ct);

        using var stopTimeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stopTimeout.CancelAfter(TimeSpan.FromSeconds(5));
        await _host.StopAsync(stopTimeout.Token);

        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, _port, Ct).AsTask());
    }

    [Fact]
    public async Task The_session_count_follows_open_sessions_and_keeps_the_peak()
    {
        await _host.StartAsync(Ct);
        var sessions = _host.Services.GetRequiredService<DemoSessionCount>();
        var clients = Enumerable.Range(0, 3).Select(_ => NewClient()).ToList();

        foreach (var client in clients) await client.ConnectAsync("127.0.0.1", _port, SecureSocketOptions.StartTls, Ct);
        await WaitUntil(() => sessions.Open == 3);
        Assert.Equal(3, sessions.Peak);

        foreach (var client in clients)
        {
            await client.DisconnectAsync(quit: true, Ct);
            client.Dispose();
        }

        await WaitUntil(() => sessions.Open == 0);
        Assert.Equal(3, sessions.Peak);
        sessions.ResetPeak();
        Assert.Equal(0, sessions.Peak);
    }

    [Fact]
    public async Task Sessions_that_fail_in_the_tls_handshake_do_not_skew_the_count()
    {
        // A handshake refused on the implicit-TLS port ends as "faulted", on the STARTTLS port as "completed":
        // either way the session must leave the count.
        var implicitPort = FreePort();
        await _host.StopAsync(Ct);
        _host.Dispose();
        _host = BuildHost(_port, implicitPort);
        await _host.StartAsync(Ct);
        var sessions = _host.Services.GetRequiredService<DemoSessionCount>();

        foreach (var (port, security) in new[] { (implicitPort, SecureSocketOptions.SslOnConnect), (_port, SecureSocketOptions.StartTls) })
        {
            using var refusing = new SmtpClient { CheckCertificateRevocation = false, ServerCertificateValidationCallback = (_, _, _, _) => false };
            await Assert.ThrowsAsync<SslHandshakeException>(() => refusing.ConnectAsync("127.0.0.1", port, security, Ct));
        }

        await WaitUntil(() => sessions.Open == 0);
        using var good = NewClient();
        await good.ConnectAsync("127.0.0.1", implicitPort, SecureSocketOptions.SslOnConnect, Ct);
        await WaitUntil(() => sessions.Open == 1);
        await good.DisconnectAsync(quit: true, Ct);
        await WaitUntil(() => sessions.Open == 0);
    }

    private async Task WaitUntil(Func<bool> condition)
    {
        // The server raises its session events on its own tasks, just after the client's call returns.
        while (!condition()) await Task.Delay(10, Ct);
    }

    private IHost BuildHost(int port, int implicitTlsPort = 0)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _contentRoot.FullName,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:Port"] = port.ToString(), ["Demo:ImplicitTlsPort"] = implicitTlsPort.ToString() });
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs);
        builder.Services.AddSingleton<IDemoMessageSink>(_sink);
        builder.Services.AddDemoSubmission().AddHostedService<DemoSubmissionServer>();
        return builder.Build();
    }

    private SmtpClient NewClient(IProtocolLogger? logger = null) => new(logger ?? new NullProtocolLogger())
    {
        CheckCertificateRevocation = false,
        // Trust exactly the demo certificate, nothing else.
        ServerCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == _certificateHash,
    };

    private static MimeMessage NewMessage()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Account));
        message.To.Add(MailboxAddress.Parse("someone@example.com"));
        message.Subject = "Demo test";
        message.Body = new TextPart("plain") { Text = "Hello from the test." };
        return message;
    }

    private async Task<string> ReadReplyAsync(StreamReader reader)
    {
        // Multi-line replies use "250-" on all but the last line.
        string? line;
        do
        {
            line = await reader.ReadLineAsync(Ct) ?? throw new EndOfStreamException("The server closed the connection.");
        }
        while (line.Length > 3 && line[3] == '-');

        return line;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class RecordingSink : IDemoMessageSink
    {
        private readonly ConcurrentQueue<DemoMessage> _messages = new();

        public IReadOnlyCollection<DemoMessage> Messages => _messages;

        public Task AcceptAsync(DemoMessage message, CancellationToken cancellationToken)
        {
            _messages.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
