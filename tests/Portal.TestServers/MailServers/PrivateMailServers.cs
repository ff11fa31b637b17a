using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Portal.TestServers;

/// <summary>
/// A private Postfix (submission listener with STARTTLS + AUTH, and a port-25-like plain listener) delivering over LMTP
/// to a private Dovecot (IMAP with STARTTLS), all on loopback with free ports, configs, queues and mail in a temp folder.
/// The system's own Postfix and Dovecot, if running, are neither used nor touched.
/// </summary>
public class PrivateMailServers : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private const string InstallHint = "tests/run.sh installs them (postfix, dovecot-core, dovecot-imapd, dovecot-lmtpd): run it once, or install those Debian packages";

    private readonly Action<string> _log;
    private readonly TempFolder _folder = new();
    private readonly StringBuilder _processOutput = new();
    private Process? _dovecot;
    private Process? _postfix;
    private Process? _watchdog;

    /// <param name="log">Where to say when the servers are ready or stopped.</param>
    public PrivateMailServers(Action<string>? log = null)
    {
        _log = log ?? (_ => { });
        // Three distinct ports: FreePort could in principle hand out the same one twice.
        var ports = new List<int>();
        while (ports.Count < 3)
            if (FreePort.Next() is var port && !ports.Contains(port)) ports.Add(port);
        (SubmissionPort, PlainPort, ImapPort) = (ports[0], ports[1], ports[2]);
    }

    public string Host => "127.0.0.1";

    /// <summary>The name both servers give themselves (Received "by", the certificate's subject).</summary>
    public string ServerName => "mail.example-isp.test";

    public string Domain => "example-isp.test";

    /// <summary>Postfix's submission listener: STARTTLS required, then AUTH required (a member's program on 587).</summary>
    public int SubmissionPort { get; }

    /// <summary>Postfix's port-25-like listener: no AUTH, STARTTLS optional, takes mail for <see cref="Domain"/> from anyone.</summary>
    public int PlainPort { get; }

    /// <summary>Dovecot's IMAP listener (STARTTLS available, not required; IDLE as usual).</summary>
    public int ImapPort { get; }

    /// <summary>Added by each listener above its Received line, with its nominal port: 587 or 25 (see postfix-main.cf).</summary>
    public string PortHeader => "X-Received-Port";

    /// <summary>The port number the <see cref="PortHeader"/> carries: production's submission port, not the random <see cref="SubmissionPort"/>.</summary>
    public int NominalSubmissionPort => 587;

    public string CheckAddress => $"check@{Domain}";

    public string CheckUser => CheckAddress;

    public string CheckPassword => "check-mailbox-pass";

    public string MemberAddress => $"member@{Domain}";

    public string MemberUser => MemberAddress;

    public string MemberPassword => "member-587-pass";

    /// <summary>The servers' self-signed certificate (PEM), for clients to trust, e.g. CheckMail:Imap:TrustedCertificateFile.</summary>
    public string CertificateFile => _folder.File("cert.pem");

    public X509Certificate2 Certificate { get; private set; } = null!;

    public string PostfixLogFile => _folder.File("postfix.log");

    public string DovecotLogFile => _folder.File("dovecot.log");

    private string PostfixConfigDirectory => Path.Combine(_folder.Path, "postfix", "conf");

    private string DovecotConfigFile => Path.Combine(_folder.Path, "dovecot", "dovecot.conf");

    /// <summary>For MailKit's ServerCertificateValidationCallback: true for our certificate only, whatever the chain says.</summary>
    public bool IsServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(Certificate.RawData);

    /// <summary>Starts both and returns once every port answers; throws with both logs' tails when they do not.</summary>
    public async Task StartAsync()
    {
        var postfix = Executable("postfix");
        var postconf = Executable("postconf");
        var dovecot = Executable("dovecot");
        using var timeout = new CancellationTokenSource(StartTimeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            WriteFiles();
            // "postfix check" creates the queue's subfolders and the data folder with the owners Postfix wants (postfix, postdrop).
            await RunAsync(postfix, ["-c", PostfixConfigDirectory, "check"], timeout.Token);
            var daemonDirectory = (await RunAsync(postconf, ["-c", PostfixConfigDirectory, "-h", "daemon_directory"], timeout.Token)).Trim();

            _watchdog = StartWatchdog();
            // Both in the foreground as our children: we know their PIDs, and their early errors land in _processOutput.
            _dovecot = Start(dovecot, ["-F", "-c", DovecotConfigFile]);
            await _watchdog.StandardInput.WriteLineAsync(_dovecot.Id.ToString(CultureInfo.InvariantCulture));
            // master itself rather than "postfix start": it stays in the foreground instead of daemonising. As root, a
            // non-default -c directory needs no alternate_config_directories entry in /etc/postfix/main.cf.
            _postfix = Start(Path.Combine(daemonDirectory, "master"), ["-c", PostfixConfigDirectory]);
            await _watchdog.StandardInput.WriteLineAsync(_postfix.Id.ToString(CultureInfo.InvariantCulture));
            await _watchdog.StandardInput.FlushAsync(timeout.Token);

            await WaitUntilReadyAsync(timeout.Token);
            _log($"Postfix + Dovecot ready in {stopwatch.Elapsed.TotalSeconds:0.0} s ({_folder.Path}).");
        }
        catch (Exception e)
        {
            await StopAsync();
            var why = e is OperationCanceledException ? $"not ready within {StartTimeout.TotalSeconds:0} s" : e.Message;
            throw new InvalidOperationException($"The private Postfix + Dovecot did not start ({why}; {stopwatch.Elapsed.TotalSeconds:0.0} s). If a part is missing, {InstallHint}.\n{Diagnostics()}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        var stopwatch = Stopwatch.StartNew();
        await StopAsync();
        _log($"Postfix + Dovecot stopped in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
        Certificate?.Dispose();
        _folder.Dispose();
    }

    /// <summary>Reads the check mailbox over IMAP (STARTTLS, trusting only <see cref="CertificateFile"/>) until it holds at least <paramref name="count"/> messages.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        ReadCheckMailboxAsync(messages => messages.Count >= count, $"{count} message(s)", timeout, cancellationToken);

    /// <summary>Waits for the message with this Subject in the check mailbox (tests sharing the fixture tell theirs apart by subject).</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string subject, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var messages = await ReadCheckMailboxAsync(messages => messages.Any(m => m.Subject == subject), $"a message \"{subject}\"", timeout, cancellationToken);
        return messages.First(m => m.Subject == subject);
    }

    private async Task<IReadOnlyList<MimeMessage>> ReadCheckMailboxAsync(Func<IReadOnlyList<MimeMessage>, bool> enough, string what, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var imap = new ImapClient { ServerCertificateValidationCallback = IsServerCertificate };
        var messages = new List<MimeMessage>();
        try
        {
            await imap.ConnectAsync(Host, ImapPort, SecureSocketOptions.StartTls, cts.Token);
            await imap.AuthenticateAsync(CheckUser, CheckPassword, cts.Token);
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, cts.Token);
            while (true)
            {
                while (messages.Count < imap.Inbox.Count) messages.Add(await imap.Inbox.GetMessageAsync(messages.Count, cts.Token));
                if (enough(messages)) break;
                // Delivery is asynchronous (Postfix's queue, then LMTP): NOOP lets Dovecot tell us about new mail.
                await Task.Delay(100, cts.Token);
                await imap.NoOpAsync(cts.Token);
            }

            await imap.DisconnectAsync(true, cts.Token);
            return messages;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var subjects = string.Join(", ", messages.Select(m => $"\"{m.Subject}\""));
            throw new TimeoutException($"The check mailbox did not get {what} within {timeout.TotalSeconds:0} s; it has {messages.Count}: {subjects}.\n{Diagnostics()}");
        }
    }

    /// <summary>Drops every IMAP session of a user, as a restarting server would.</summary>
    public Task KickAsync(string user, CancellationToken cancellationToken) =>
        RunAsync(Executable("doveadm"), ["-c", DovecotConfigFile, "kick", user], cancellationToken);

    /// <summary>The last lines of both servers' logs and anything they printed: for failure messages.</summary>
    public string Diagnostics()
    {
        string output;
        lock (_processOutput) output = _processOutput.ToString();
        return $"--- postfix.log (tail) ---\n{Tail(PostfixLogFile)}\n--- dovecot.log (tail) ---\n{Tail(DovecotLogFile)}\n--- postfix/dovecot output ---\n{output}";
    }

    private static string Tail(string file, int lines = 40)
    {
        try
        {
            return string.Join('\n', File.ReadLines(file).TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"({e.Message})";
        }
    }

    private static string Executable(string name)
    {
        // Tests may run with a PATH that lacks the sbin folders, where Debian puts both servers.
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"]);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists)
               ?? throw new InvalidOperationException($"'{name}' was not found: the real mail server tests need Postfix and Dovecot. {InstallHint}.");
    }

    private void WriteFiles()
    {
        // Postfix and Dovecot drop privileges (postfix, dovecot, nobody): they must be able to walk into the folder whatever the umask.
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                   | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Chmod(Path.GetDirectoryName(_folder.Path)!, open);
        Chmod(_folder.Path, open);
        foreach (var folder in new[] { "postfix/conf", "postfix/queue", "dovecot", "mail" }) Chmod(Directory.CreateDirectory(_folder.File(folder)).FullName, open);
        // Dovecot creates each mailbox as nobody (65534).
        Chmod(_folder.File("mail"), open | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);

        WriteCertificate();
        var values = new Dictionary<string, string>
        {
            ["Dir"] = _folder.Path,
            ["Instance"] = Path.GetFileName(_folder.Path),
            ["ServerName"] = ServerName,
            ["Domain"] = Domain,
            ["CheckAddress"] = CheckAddress,
            ["MemberAddress"] = MemberAddress,
            ["PortHeader"] = PortHeader,
            ["SubmissionPort"] = SubmissionPort.ToString(CultureInfo.InvariantCulture),
            ["PlainPort"] = PlainPort.ToString(CultureInfo.InvariantCulture),
            ["ImapPort"] = ImapPort.ToString(CultureInfo.InvariantCulture),
        };
        WriteTemplate("postfix-main.cf", Path.Combine(PostfixConfigDirectory, "main.cf"), values);
        WriteTemplate("postfix-master.cf", Path.Combine(PostfixConfigDirectory, "master.cf"), values);
        WriteTemplate("dovecot.conf", DovecotConfigFile, values);
        WriteReadable(_folder.File("dovecot/users"), $"{CheckUser}:{{PLAIN}}{CheckPassword}\n{MemberUser}:{{PLAIN}}{MemberPassword}\n");
    }

    private void WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={ServerName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(ServerName);
        // The portal connects to 127.0.0.1 and checks the name as usual: the address is a name of this server too.
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        WriteReadable(CertificateFile, certificate.ExportCertificatePem() + "\n");
        Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        // Read by Postfix's master and Dovecot's config process, both still root at that point.
        File.WriteAllText(_folder.File("key.pem"), key.ExportPkcs8PrivateKeyPem() + "\n");
        Chmod(_folder.File("key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static void WriteTemplate(string template, string target, IReadOnlyDictionary<string, string> values)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MailServers", template));
        foreach (var (name, value) in values) text = text.Replace($"{{{{{name}}}}}", value, StringComparison.Ordinal);
        if (text.Contains("{{", StringComparison.Ordinal)) throw new InvalidOperationException($"{template} has a placeholder the fixture does not fill.");
        WriteReadable(target, text);
    }

    private static void Chmod(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The real mail servers (Postfix, Dovecot) run on Linux.");
        File.SetUnixFileMode(path, mode);
    }

    private static void WriteReadable(string path, string text)
    {
        File.WriteAllText(path, text);
        Chmod(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // Postfix needs Dovecot's auth and LMTP sockets only later, per message, but a test needs them right away.
        foreach (var socket in new[] { "dovecot/auth", "dovecot/lmtp" })
            while (!File.Exists(_folder.File(socket)))
            {
                ThrowIfExited();
                await Task.Delay(50, cancellationToken);
            }

        foreach (var port in new[] { ImapPort, SubmissionPort, PlainPort })
            while (true)
            {
                ThrowIfExited();
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(Host, port, cancellationToken);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }
    }

    private void ThrowIfExited()
    {
        if (_dovecot is { HasExited: true }) throw new InvalidOperationException($"dovecot exited with code {_dovecot.ExitCode}");
        if (_postfix is { HasExited: true }) throw new InvalidOperationException($"postfix's master exited with code {_postfix.ExitCode}");
    }

    private Process Start(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var name = Path.GetFileName(file);
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null) return;
            lock (_processOutput) _processOutput.Append(name).Append(": ").AppendLine(e.Data);
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// A shell that holds the PIDs we write to it and kills them (and removes the folder) when its standard input closes.
    /// Normally we stop the servers and kill it first; if the test host dies instead (aborted run, crash), the pipe closes
    /// with it and the servers go too rather than outliving the run.
    /// </summary>
    private Process StartWatchdog()
    {
        const string Script = """
            exec >/dev/null 2>&1
            trap '' INT HUP
            pids=
            while read -r pid; do pids="$pids $pid"; done
            [ -n "$pids" ] && kill -TERM $pids
            sleep 2
            [ -n "$pids" ] && kill -KILL $pids
            rm -rf "$1"
            """;
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", Script, "mail-servers-watchdog", _folder.Path }) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the watchdog shell.");
    }

    private async Task StopAsync()
    {
        // Dovecot last: Postfix may still be handing a message over LMTP.
        foreach (var process in new[] { _postfix, _dovecot })
        {
            if (process is null) continue;
            try
            {
                if (!process.HasExited)
                {
                    // SIGTERM: each master stops its own children (Postfix signals its process group, Dovecot its services).
                    using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
                    using var timeout = new CancellationTokenSource(StopTimeout);
                    try
                    {
                        await process.WaitForExitAsync(timeout.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            finally
            {
                process.Dispose();
            }
        }

        _postfix = _dovecot = null;
        if (_watchdog is not null)
        {
            // Killed, not told: it would only signal PIDs that are gone (or reused by now).
            try
            {
                _watchdog.Kill();
            }
            catch (InvalidOperationException)
            {
            }

            _watchdog.Dispose();
            _watchdog = null;
        }
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await output}{await error}");
        return await output;
    }
}
