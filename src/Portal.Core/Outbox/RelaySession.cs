using Portal.Core.Mail;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Portal.Core.Configuration;

namespace Portal.Core.Outbox;

/// <summary>What the relay made of one message.</summary>
internal enum DeliveryResult
{
    /// <summary>Accepted (250): it is the relay's now.</summary>
    Sent,

    /// <summary>Refused for good (5xx), e.g. an unknown recipient or content the relay will not take.</summary>
    Refused,

    /// <summary>"Try later" (4xx): the connection still works.</summary>
    Deferred,

    /// <summary>The connection broke or timed out: the message is tried again later, the next one on a new connection.</summary>
    Dropped,
}

internal readonly record struct Delivery(DeliveryResult Result, string? Reply);

/// <summary>
/// One connection to the relay, reused for message after message while there is work, and opened again when it drops.
/// Connects only to the configured relay (or the demo server), and never says the password to anything but its AUTH.
/// </summary>
internal sealed class RelaySession(OutboundRelaySource relays) : IAsyncDisposable
{
    /// <summary>The most one connection attempt or one message may take on the wire, whatever the relay does.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan QuitDeadline = TimeSpan.FromSeconds(5);

    private SmtpClient? _client;
    private OutboundRelay? _relay;

    public bool IsConnected => _client is { IsConnected: true };

    /// <summary>The From of every message sent on the open connection (in demo mode the demo account: it may send only as itself).</summary>
    public MailboxAddress From => _relay?.From ?? throw new InvalidOperationException("Connect before sending.");

    /// <summary>Connects and signs in; returns null when ready, or why not. Only the caller's token (the host stopping) throws.</summary>
    public async Task<string?> ConnectAsync(CancellationToken cancellationToken)
    {
        await CloseAsync();
        var relay = relays.Resolve();
        var certificates = new CertificateCheck(relay.Trust, acceptAnyForDevelopment: false);
        var client = new SmtpClient
        {
            Timeout = (int)Deadline.TotalMilliseconds,
            // An internal CA publishes no revocation list the portal could reach.
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = certificates.Validate,
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            // Without Nagle: a message of more than a few KB ended in a small segment held until the relay's delayed ACK,
            // 40 ms a message (22 messages a second, whatever the pace allowed).
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(relay.Host, relay.Port, deadline.Token);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            await client.ConnectAsync(socket, relay.Host, relay.Port, relay.Security.ToSecureSocketOptions(), deadline.Token);
            if (relay.User is not null) await client.AuthenticateAsync(relay.User, relay.Password ?? "", deadline.Token);
        }
        catch (Exception e) when (MailConnection.IsTrouble(e) && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            if (e is SslHandshakeException && certificates.Refusal is { } refusal) return $"{relay}: the relay's certificate is refused: {refusal}";
            return $"{relay}: {Describe(e)}";
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        _relay = relay;
        return null;
    }

    /// <summary>
    /// Sends one message on the open connection. Not cancelled by the host stopping: a message that has started is
    /// finished, so its result can be recorded; only the deadline cuts it short.
    /// </summary>
    public async Task<Delivery> SendAsync(MimeMessage message)
    {
        var client = _client ?? throw new InvalidOperationException("Connect before sending.");
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await client.SendAsync(message, deadline.Token);
            return new Delivery(DeliveryResult.Sent, null);
        }
        catch (SmtpCommandException e)
        {
            // MailKit ends the transaction (RSET) after a refused MAIL FROM, RCPT TO or DATA, and the connection goes on;
            // after a 421 the relay has hung up, and the next message opens a new one.
            if (!client.IsConnected) await CloseAsync();
            return new Delivery((int)e.StatusCode >= 500 ? DeliveryResult.Refused : DeliveryResult.Deferred, Describe(e));
        }
        catch (Exception e) when (MailConnection.IsTrouble(e))
        {
            await CloseAsync();
            return new Delivery(DeliveryResult.Dropped, Describe(e));
        }
    }

    /// <summary>QUIT, politely and briefly; the connection is closed whatever the relay says.</summary>
    public async Task CloseAsync()
    {
        if (_client is not { } client) return;
        _client = null;
        _relay = null;
        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(QuitDeadline);
                await client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception e) when (MailConnection.IsTrouble(e))
        {
            // It is going anyway.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    /// <summary>The relay's own reply where there is one (it goes into LastError for staff to read).</summary>
    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        AuthenticationException a => $"sign-in refused: {a.Message}",
        ServiceNotAuthenticatedException n => $"the relay wants AUTH (set Outbound:User and Outbound:Password): {n.Message}",
        OperationCanceledException or TimeoutException => $"no answer within {Deadline.TotalSeconds:0} s",
        SocketException s => $"cannot connect ({s.SocketErrorCode})",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
