using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using Portal.Core.DemoSubmission;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Portal.Tests.Outbox;

/// <summary>
/// A relay on 127.0.0.1 (the SmtpServer package) as the portal would meet one: STARTTLS with a self-signed certificate,
/// then AUTH, both required. It keeps every message it accepted; a test can make it refuse recipients, answer DATA
/// its own way (550, 451, ...) or take its time over each message.
/// </summary>
public sealed class TestRelay : IAsyncDisposable
{
    public const string User = "portal-relay";
    public const string Password = "relay-pass-5871";

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<MimeMessage> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _offered = new();
    private readonly ConcurrentQueue<string> _users = new();
    private Task _running = Task.CompletedTask;
    private int _sessions;

    private readonly TempFolder _folder;
    private X509Certificate2? _certificate;

    /// <summary>A relay for <paramref name="port"/>; it listens once started. Its certificate is made in <paramref name="folder"/>, or reused.</summary>
    public TestRelay(TempFolder folder, int port)
    {
        _folder = folder;
        Port = port;
        TrustFile = folder.File("relay.pem");
    }

    public int Port { get; }

    /// <summary>The relay's certificate as PEM, for Outbound:TrustedCertificateFile.</summary>
    public string TrustFile { get; }

    public IReadOnlyCollection<MimeMessage> Accepted => _accepted;

    /// <summary>How many times each Message-ID reached DATA, accepted or not.</summary>
    public IReadOnlyDictionary<string, int> Offered => _offered;

    /// <summary>The user each message's session signed in as.</summary>
    public IReadOnlyCollection<string> Users => _users;

    public int Sessions => _sessions;

    /// <summary>Answers DATA: given the message and how many times its Message-ID came before, the reply (default 250).</summary>
    public Func<MimeMessage, int, SmtpResponse> Answer { get; init; } = (_, _) => SmtpResponse.Ok;

    /// <summary>RCPT TO addresses refused with 550 5.1.1.</summary>
    public IReadOnlySet<string> UnknownRecipients { get; init; } = new HashSet<string>();

    /// <summary>How long each message takes to store, like a relay writing to disk.</summary>
    public TimeSpan StoreDelay { get; init; }

    /// <summary>Makes the certificate and its PEM file, so that a node can be set up to trust the relay before it is up.</summary>
    public Task WriteTrustFileAsync() => CertificateAsync();

    private async Task<X509Certificate2> CertificateAsync()
    {
        if (_certificate is null)
        {
            _certificate = await DemoCertificate.LoadOrCreateAsync(_folder.File("relay.pfx"), _stop.Token);
            await File.WriteAllTextAsync(TrustFile, _certificate.ExportCertificatePem(), _stop.Token);
        }

        return _certificate;
    }

    /// <summary>Returns once the port accepts connections.</summary>
    public async Task<TestRelay> StartAsync()
    {
        var certificate = await CertificateAsync();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("relay.test")
            .Endpoint(b => b
                .Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .IsSecure(false)
                .Certificate(certificate)
                .AllowUnsecureAuthentication(false)
                .AuthenticationRequired()
                .SupportedSslProtocols(SslProtocols.None))
            .Build();

        var listeners = new EndpointListenerFactory();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, _) => listening.TrySetResult();
        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(new Authenticator());
        services.Add(new RecipientFilter(this));
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = server.StartAsync(_stop.Token);
        await Task.WhenAny(listening.Task, _running);
        // The server ended before it listened: its exception says why (the port is taken, ...).
        if (!listening.Task.IsCompleted) await _running;
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
        _certificate?.Dispose();
    }

    private sealed class Authenticator : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(context.Pipe.IsSecure && user == User && password == Password);
    }

    private sealed class RecipientFilter(TestRelay relay) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (relay.UnknownRecipients.Contains(to.AsAddress()))
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)550, $"5.1.1 <{to.AsAddress()}>: Recipient address rejected: User unknown"));
            return Task.FromResult(true);
        }
    }

    private sealed class Store(TestRelay relay) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (relay.StoreDelay > TimeSpan.Zero) await Task.Delay(relay.StoreDelay, cancellationToken);
            var message = await MimeMessage.LoadAsync(new MemoryStream(buffer.ToArray()), cancellationToken);
            var before = relay._offered.AddOrUpdate(message.MessageId ?? "", 1, (_, n) => n + 1) - 1;
            var answer = relay.Answer(message, before);
            if (answer.ReplyCode == SmtpReplyCode.Ok)
            {
                relay._accepted.Enqueue(message);
                relay._users.Enqueue(context.Authentication.User);
            }

            return answer;
        }
    }
}
