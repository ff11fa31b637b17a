using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Net;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace Portal.Core.DemoSubmission;

/// <summary>
/// Loopback-only SMTP submission server for trying a mail client against the demo account:
/// STARTTLS, then AUTH PLAIN/LOGIN, then MAIL/RCPT/DATA. When <see cref="StartAsync"/> returns, the port accepts connections.
/// </summary>
public sealed class DemoSubmissionServer(
    IOptions<DemoSubmissionOptions> options,
    DemoMode demoMode,
    IHostEnvironment environment,
    IDemoMessageSink sink,
    DemoSessionCount sessions,
    ILogger<DemoSubmissionServer> logger) : IHostedService, IDisposable
{
    public const string ServerName = "demo-submission.localhost";

    private const int MaxMessageBytes = 10 * 1024 * 1024;

    private readonly DemoSubmissionOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private X509Certificate2? _certificate;
    private readonly Lock _stopGate = new();
    private Task? _running;
    private Task? _stop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demoMode.IsOn)
        {
            return;
        }

        var certificatePath = _options.ResolveCertificatePath(environment.ContentRootPath);
        _certificate = await DemoCertificate.LoadOrCreateAsync(certificatePath, cancellationToken);

        var endpoint = new IPEndPoint(IPAddress.Parse(_options.Address), _options.Port);
        var builder = new SmtpServerOptionsBuilder()
            .ServerName(ServerName)
            .MaxMessageSize(MaxMessageBytes, MaxMessageSizeHandling.Strict)
            .Endpoint(b => b
                .Endpoint(endpoint)
                // Plain-text port upgraded by STARTTLS, like port 587; AUTH is refused (and not advertised) until then.
                .IsSecure(false)
                .Certificate(_certificate)
                .AllowUnsecureAuthentication(false)
                .AuthenticationRequired()
                // None = the OS's recommended protocol set (TLS 1.2/1.3) instead of the library's TLS 1.2-only default.
                .SupportedSslProtocols(SslProtocols.None));
        if (_options.ImplicitTlsPort > 0)
        {
            // Like port 465 (RFC 8314): TLS from the first byte.
            builder.Endpoint(b => b
                .Endpoint(new IPEndPoint(IPAddress.Parse(_options.Address), _options.ImplicitTlsPort))
                .IsSecure(true)
                .Certificate(_certificate)
                .AllowUnsecureAuthentication(false)
                .AuthenticationRequired()
                .SupportedSslProtocols(SslProtocols.None));
        }

        var serverOptions = builder.Build();
        var endpoints = _options.ImplicitTlsPort > 0 ? 2 : 1;

        var listeners = new EndpointListenerFactory();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        listeners.EndpointStarted += (_, _) =>
        {
            if (Interlocked.Increment(ref started) == endpoints) listening.TrySetResult();
        };

        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(new DemoUserAuthenticator(_options, logger));
        services.Add(new DemoMessageStore(sink, logger));
        services.Add(new DemoSenderFilter(_options));

        var server = new SmtpServerHost(serverOptions, services);
        server.SessionFaulted += (_, e) => logger.LogInformation(e.Exception, "Demo submission: a session failed (for example a client that rejected the certificate)");
        // Every way a session ends (completed, cancelled, faulted) closes it in the count.
        server.SessionCreated += (_, e) =>
        {
            sessions.Started(e.Context);
            e.Context.CommandExecuting += (_, c) =>
            {
                if (c.Command is SmtpServer.Protocol.EhloCommand ehlo) c.Context.Properties[DemoMessageStore.HeloKey] = ehlo.DomainOrAddress;
                else if (c.Command is SmtpServer.Protocol.HeloCommand helo) c.Context.Properties[DemoMessageStore.HeloKey] = helo.DomainOrAddress;
            };
        };
        server.SessionCompleted += (_, e) => sessions.Ended(e.Context);
        server.SessionCancelled += (_, e) => sessions.Ended(e.Context);
        server.SessionFaulted += (_, e) => sessions.Ended(e.Context);

        var running = server.StartAsync(_stopping.Token);

        // SmtpServer binds the socket before StartAsync first yields; waiting for EndpointStarted keeps
        // the "listening once started" promise even if a later version binds asynchronously.
        try
        {
            await Task.WhenAny(listening.Task, running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
            throw;
        }

        if (!listening.Task.IsCompleted)
        {
            var error = running.Exception?.GetBaseException();
            throw new PortalStartupException(
                $"The demo submission server cannot listen on {endpoint} (Demo:Address = {_options.Address}, Demo:Port = {_options.Port}, Demo:ImplicitTlsPort = {_options.ImplicitTlsPort}): "
                + $"{error?.Message.TrimEnd('.')}. Stop whatever uses that port or set another Demo:Port or Demo:ImplicitTlsPort.", error);
        }

        _running = running;
        logger.LogInformation(
            "Demo submission server listening on {Address}:{Port} as {ServerName} (STARTTLS required before AUTH), account {Account}, certificate {Thumbprint} from {CertificatePath}",
            _options.Address, _options.Port, ServerName, _options.AccountAddress, _certificate.Thumbprint, certificatePath);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop twice at once (WebApplicationFactory does): every caller waits for the one stop,
        // so nothing is disposed while the server is still shutting down.
        lock (_stopGate)
        {
            if (_running is null)
            {
                return Task.CompletedTask;
            }

            _stop ??= StopServerAsync(_running);
        }

        return _stop.WaitAsync(cancellationToken);
    }

    private async Task StopServerAsync(Task running)
    {
        // Stops accepting and cancels open sessions; each client is told 221 before the connection closes.
        await _stopping.CancelAsync();
        await running;
        logger.LogInformation("Demo submission server on {Address}:{Port} stopped", _options.Address, _options.Port);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _certificate?.Dispose();
    }
}
