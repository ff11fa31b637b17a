using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A loopback TCP server that follows a script, for the ways real servers misbehave that a proper SMTP server
/// cannot be made to (no greeting, garbage, closing early, 421). Each connection runs the script once.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <param name="script">What to do with each connection.</param>
    /// <param name="at">Where to listen: a free port on 127.0.0.1 unless given (another loopback address, a fixed port).</param>
    public ScriptedSmtpServer(Func<Conversation, CancellationToken, Task> script, IPEndPoint? at = null)
    {
        _listener = new TcpListener(at ?? new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Start();
        _accepting = AcceptAsync(script);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections { get; private set; }

    private async Task AcceptAsync(Func<Conversation, CancellationToken, Task> script)
    {
        var sessions = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Connections++;
                sessions.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            await script(new Conversation(client.GetStream()), _stop.Token);
                        }
                        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
                        {
                            // The probe hung up: that is its right.
                        }
                    }
                }));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(sessions);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>One connection: lines in and out, and an upgrade to TLS when the script says so.</summary>
    public sealed class Conversation(Stream stream)
    {
        private Stream _stream = stream;
        private StreamReader _reader = new(stream, Encoding.ASCII, false, 1024, leaveOpen: true);

        public List<string> Received { get; } = [];

        public async Task SendAsync(string lines, CancellationToken cancellationToken)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(lines.ReplaceLineEndings("\r\n") + "\r\n"), cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }

        public async Task SendRawAsync(byte[] bytes, CancellationToken cancellationToken)
        {
            await _stream.WriteAsync(bytes, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = await _reader.ReadLineAsync(cancellationToken);
            if (line is not null) Received.Add(line);
            return line;
        }

        /// <summary>Reads up to <paramref name="count"/> raw bytes (e.g. the start of a TLS handshake), bypassing the line reader.</summary>
        public async Task<int> ReadBytesAsync(int count, CancellationToken cancellationToken) =>
            await _stream.ReadAsync(new byte[count], cancellationToken);

        public async Task StartTlsAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
        {
            var tls = new SslStream(_stream);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, cancellationToken);
            _stream = tls;
            _reader = new StreamReader(tls, Encoding.ASCII, false, 1024, leaveOpen: true);
        }
    }
}
