using System.Net;
using System.Text;

namespace Portal.Core.Evidence;

/// <summary>
/// Reads the mail server's own Postfix log and says, message by message, how each member's mail program sent: on port
/// 25 or a submission service, with SMTP-AUTH or without, and failed sign-ins. No database: a stream of lines in, a
/// stream of <see cref="MailEvidence"/> out, with <see cref="Counts"/> of what was read. One instance per read (it
/// remembers open connections and messages between lines); not thread-safe.
/// </summary>
/// <remarks>
/// Lines are correlated the way Postfix writes them (postfix/src at github.com/vdukhovni/postfix, 3.12 of 2026-08-21):
/// smtpd's "connect from", its TLS line (tls_misc.c tls_log_summary) and "disconnect from" by process; smtpd's
/// "QUEUEID: client=host[ip], sasl_method=..., sasl_username=..." (smtpd.c) and qmgr's
/// "QUEUEID: from=&lt;sender&gt;, size=..., nrcpt=..." (global/opened.c) by host and queue id. A message's record is
/// made when qmgr names its sender, so it only counts what was accepted into the queue; qmgr's later "from=" lines for
/// the same message (each delivery retry) find nothing and add nothing. A message whose sender line never comes within
/// <see cref="EvidenceOptions.WaitMinutes"/> still makes its record if it was authenticated (the login is the
/// evidence), and is counted as given up if not. Failed sign-ins (smtpd_sasl_glue.c: "warning: host[ip]: SASL PLAIN
/// authentication failed: reason, sasl_username=name", the name since Postfix 3.9) make their record at once.
/// </remarks>
public sealed class PostfixLog
{
    private const int SweepEveryLines = 1024;

    private readonly EvidenceOptions _options;
    private readonly PostfixLineReader _lines;
    private readonly OpenEntries<Connection> _connections;
    private readonly OpenEntries<WaitingMessage> _messages;
    private readonly Queue<MailEvidence> _ready = new();
    private readonly Dictionary<string, Service> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hosts = new(StringComparer.Ordinal);
    private int _linesSinceSweep;
    private long _previousUtcTicks;

    /// <param name="options">Which smtpd services are submission, the server's time zone, how long to wait.</param>
    /// <param name="year">The year of classic time stamps, which have none: <see cref="ClassicYear.StartingIn"/> or <see cref="ClassicYear.Inferred"/>.</param>
    public PostfixLog(EvidenceOptions options, ClassicYear year)
    {
        _options = options;
        _lines = new PostfixLineReader(TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), year);
        var wait = TimeSpan.FromMinutes(options.WaitMinutes).Ticks;
        _connections = new OpenEntries<Connection>(options.MaxOpen, wait, _ => { });
        _messages = new OpenEntries<WaitingMessage>(options.MaxOpen, wait, m => Record(m, sender: null));
    }

    public EvidenceCounts Counts { get; } = new();

    /// <summary>
    /// One whole log (a file, stdin; plain or gzip), line by line; at its end, what still waits is finished. The
    /// stream is read as the result is enumerated and is not closed.
    /// </summary>
    public IEnumerable<MailEvidence> Read(Stream log)
    {
        foreach (var evidence in ReadLines(log, leaveOpen: true)) yield return evidence;
        foreach (var evidence in Finish()) yield return evidence;
    }

    /// <summary>
    /// Several files as one log, oldest first (see <see cref="PostfixLogFiles.Rotation"/>), so that a message logged
    /// across a rotation is still one message. A gzip file (known by its first bytes, whatever its name) is decompressed.
    /// </summary>
    public IEnumerable<MailEvidence> ReadFiles(IEnumerable<string> pathsOldestFirst)
    {
        foreach (var path in pathsOldestFirst)
        {
            foreach (var evidence in ReadLines(PostfixLogFiles.Open(path), leaveOpen: false)) yield return evidence;
        }

        foreach (var evidence in Finish()) yield return evidence;
    }

    /// <summary>
    /// One part of a longer log (one file of a rotation, or a log that is still being written), line by line, without
    /// finishing: what is still open at its end stays open for the next part or <see cref="Finish"/>. While a record
    /// is being enumerated, <see cref="EvidenceCounts.LinesRead"/> is the line that made it (every record of a line comes
    /// before the next line is read), so a caller can tell records of lines it has seen before from new ones. A gzip
    /// stream is decompressed; the stream is not closed.
    /// </summary>
    public IEnumerable<MailEvidence> ReadPart(Stream log) => ReadLines(log, leaveOpen: true);

    /// <summary>Ends the read: authenticated messages still waiting for their sender line make their records now.</summary>
    public IReadOnlyList<MailEvidence> Finish()
    {
        foreach (var message in _messages.TakeAll()) Record(message, sender: null);
        _connections.TakeAll();
        var last = _ready.ToList();
        _ready.Clear();
        return last;
    }

    private IEnumerable<MailEvidence> ReadLines(Stream stream, bool leaveOpen)
    {
        using var reader = new LogLineReader(stream, leaveOpen);

        // Sweeps fall on the same lines of a file however it is reached (alone, or after the file rotated before it),
        // so a record a sweep gives up is made at the same line of the file in every read of it.
        _linesSinceSweep = 0;
        bool more;
        do
        {
            more = ReadUntilEvidence(reader);
            while (_ready.TryDequeue(out var evidence)) yield return evidence;
        }
        while (more);

        if (reader.CompressedDamaged) Counts.CompressedDamaged++;
    }

    /// <summary>Reads lines until one makes a record (true) or the stream ends (false).</summary>
    private bool ReadUntilEvidence(LogLineReader reader)
    {
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            Take(line, tooLong);
            if (_ready.Count > 0) return true;
        }

        return false;
    }

    private void Take(ReadOnlySpan<byte> bytes, bool tooLong)
    {
        Counts.LinesRead++;
        var shape = _lines.Read(tooLong ? default : bytes, out var line);
        if (shape != LineShape.Postfix)
        {
            Counts.LinesUnreadable++;
            if (shape == LineShape.OtherProgram) Counts.LinesFromOtherPrograms++;
            return;
        }

        // The earlier of this line's time and the one before, never the latest seen: one line with a wild time stamp
        // must not give up everything open.
        var now = line.Time.UtcTicks;
        if (++_linesSinceSweep >= SweepEveryLines)
        {
            _linesSinceSweep = 0;
            _messages.GiveUpOlderThan(Math.Min(now, _previousUtcTicks));
            _connections.GiveUpOlderThan(Math.Min(now, _previousUtcTicks));
        }

        _previousUtcTicks = now;

        if (line.Program.SequenceEqual("smtpd"u8)) Smtpd(ref line);
        else if (line.Program.SequenceEqual("qmgr"u8)) Qmgr(ref line);
    }

    private void Smtpd(ref PostfixLogLine line)
    {
        var text = line.Text;
        Span<char> keyBuffer = stackalloc char[KeyChars];
        if (text.StartsWith("connect from "u8))
        {
            if (Key(line.Process, default, keyBuffer) is { IsEmpty: false } key) _connections.Set(key, new Connection(line.Time.UtcTicks));
            return;
        }

        if (text.StartsWith("disconnect from "u8))
        {
            if (Key(line.Process, default, keyBuffer) is { IsEmpty: false } key) _connections.Remove(key, out _);
            return;
        }

        if (text.StartsWith("warning: "u8))
        {
            AuthFailed(ref line, text["warning: ".Length..]);
            return;
        }

        if (IsTlsEstablished(text))
        {
            if (Key(line.Process, default, keyBuffer) is not { IsEmpty: false } key) return;
            if (_connections.TryGet(key, out var connection)) connection.Tls = true;
            else _connections.Set(key, new Connection(line.Time.UtcTicks) { Tls = true }); // its connect line came before the log began
            return;
        }

        var queueId = QueueIdAt(text);
        if (queueId.IsEmpty) return;
        var afterId = text[(queueId.Length + 2)..];
        if (afterId.StartsWith("reject: "u8))
        {
            Counts.Rejections++;
            return;
        }

        // Only smtpd's own queue-id line says who signed in: a "sasl_username=" anywhere else (a header warning by
        // cleanup, a client's text quoted in a warning) is someone's text, not the server's word.
        if (afterId.StartsWith("client="u8) && !queueId.SequenceEqual("NOQUEUE"u8)) Accepted(ref line, queueId, afterId["client=".Length..]);
    }

    /// <summary>"ABC123: client=host[ip][:port][, sasl_method=M][, sasl_username=U][, sasl_sender=S][, orig_queue_id=..][, orig_client=..]".</summary>
    private void Accepted(ref PostfixLogLine line, ReadOnlySpan<byte> queueId, ReadOnlySpan<byte> fields)
    {
        var nameAddrEnd = fields.IndexOf(", "u8);
        var nameAddr = nameAddrEnd < 0 ? fields : fields[..nameAddrEnd];
        if (!TryClientAddress(nameAddr, out var clientIp))
        {
            Counts.LinesUnreadable++;
            return;
        }

        var rest = nameAddrEnd < 0 ? default : fields[nameAddrEnd..];
        string? username = null;
        if (rest.StartsWith(", sasl_method="u8))
        {
            // A mechanism name has no ", ": the next field starts at the next one.
            var next = rest[2..].IndexOf(", "u8);
            rest = next < 0 ? default : rest[(next + 2)..];
        }

        if (rest.StartsWith(", sasl_username="u8))
        {
            var value = rest[", sasl_username=".Length..];
            var end = FirstOf(value, ", sasl_sender="u8, ", orig_queue_id="u8, ", orig_client="u8);
            if (end > 0) username = Encoding.UTF8.GetString(value[..end]);
        }

        Span<char> keyBuffer = stackalloc char[KeyChars];
        var key = Key(line.Host, queueId, keyBuffer);
        if (key.IsEmpty) return;
        var tls = Key(line.Process, default, stackalloc char[KeyChars]) is { IsEmpty: false } process
                  && _connections.TryGet(process, out var connection) && connection.Tls;
        _messages.Set(key, new WaitingMessage(line.Time, HostName(line.Host), ServiceOf(line.SyslogName), clientIp, username, tls,
            Encoding.ASCII.GetString(queueId)));
    }

    /// <summary>"host[ip]: SASL PLAIN authentication failed: reason[, sasl_username=name]" after "warning: ".</summary>
    private void AuthFailed(ref PostfixLogLine line, ReadOnlySpan<byte> warning)
    {
        var sasl = warning.IndexOf(": SASL "u8);
        if (sasl <= 0) return;

        // Postfix's own wording starts with the client, which has no space: a client's text quoted in another
        // warning has words before it.
        var nameAddr = warning[..sasl];
        if (nameAddr.Contains((byte)' ')) return;
        var afterSasl = warning[(sasl + ": SASL ".Length)..];
        var methodEnd = afterSasl.IndexOf((byte)' ');
        if (methodEnd <= 0 || !afterSasl[methodEnd..].StartsWith(" authentication failed: "u8)) return;

        // The SASL server went away (Dovecot restarting): the member did nothing wrong.
        if (afterSasl[(methodEnd + " authentication failed: ".Length)..].StartsWith("Connection lost to authentication server"u8)) return;
        if (!TryClientAddress(nameAddr, out var clientIp))
        {
            Counts.LinesUnreadable++;
            return;
        }

        // Postfix 3.9 and later put the name last, after a reason the SASL server wrote; the first marker is Postfix's
        // (a name tried may hold anything).
        string? attempted = null;
        var named = afterSasl.IndexOf(", sasl_username="u8);
        if (named >= 0)
        {
            var value = afterSasl[(named + ", sasl_username=".Length)..];
            if (!value.IsEmpty && !value.SequenceEqual("(unavailable)"u8)) attempted = Encoding.UTF8.GetString(value);
        }

        Span<char> keyBuffer = stackalloc char[KeyChars];
        var tls = Key(line.Process, default, keyBuffer) is { IsEmpty: false } process && _connections.TryGet(process, out var connection) && connection.Tls;
        Emit(new MailEvidence(line.Time, EvidenceKind.AuthFailed, attempted, attempted is null ? EvidenceIdentity.None : EvidenceIdentity.AttemptedLogin,
            Sender: null, clientIp, ServiceOf(line.SyslogName).Name, tls, HostName(line.Host), QueueId: null));
    }

    private void Qmgr(ref PostfixLogLine line)
    {
        var text = line.Text;
        var queueId = QueueIdAt(text);
        if (queueId.IsEmpty) return;
        var afterId = text[(queueId.Length + 2)..];
        Span<char> keyBuffer = stackalloc char[KeyChars];
        if (afterId.StartsWith("from=<"u8))
        {
            // "from=<sender>, size=N, nrcpt=N (queue active)"; the sender may be quoted and hold '>', the size comes last.
            var value = afterId["from=<".Length..];
            var end = value.LastIndexOf(">, size="u8);
            if (end < 0)
            {
                // "from=<sender>, status=expired, returned to sender" is whole; anything else was cut short.
                if (value.IndexOf(">, status="u8) < 0) Counts.LinesUnreadable++;
                return;
            }

            var key = Key(line.Host, queueId, keyBuffer);
            if (!key.IsEmpty && _messages.Remove(key, out var message)) Record(message, Encoding.UTF8.GetString(value[..end]));
            return;
        }

        if (afterId.SequenceEqual("removed"u8))
        {
            // Removed before qmgr named its sender (postsuper -d from hold): only a login still says something.
            var key = Key(line.Host, queueId, keyBuffer);
            if (!key.IsEmpty && _messages.Remove(key, out var message)) Record(message, sender: null);
        }
    }

    /// <summary>A message's record, once its sender is known (or will not be: null).</summary>
    private void Record(WaitingMessage message, string? sender)
    {
        EvidenceKind kind;
        string who;
        EvidenceIdentity identifiedBy;
        if (message.Username is { } username)
        {
            kind = message.Service.IsSubmission ? EvidenceKind.SubmissionAuth : EvidenceKind.Port25Auth;
            who = username;
            identifiedBy = EvidenceIdentity.Login;
        }
        else if (sender is null)
        {
            Counts.GivenUp++;
            return;
        }
        else if (message.Service.IsSubmission)
        {
            Counts.SubmissionWithoutAuth++;
            return;
        }
        else if (sender.Length == 0)
        {
            Counts.Unidentified++;
            return;
        }
        else
        {
            kind = EvidenceKind.Port25NoAuth;
            who = sender;
            identifiedBy = EvidenceIdentity.SenderAddress;
        }

        Emit(new MailEvidence(message.Time, kind, who, identifiedBy, sender, message.ClientIp, message.Service.Name, message.Tls, message.Host, message.QueueId));
    }

    private void Emit(MailEvidence evidence)
    {
        Counts.Count(evidence.Kind);
        _ready.Enqueue(evidence);
    }

    // Postfix 2.3 and later name the kind of peer; 2.2 began with "TLS connection established from".
    private static bool IsTlsEstablished(ReadOnlySpan<byte> text) =>
        (text.StartsWith("Anonymous TLS connection "u8) || text.StartsWith("Untrusted TLS connection "u8)
         || text.StartsWith("Trusted TLS connection "u8) || text.StartsWith("Verified TLS connection "u8) || text.StartsWith("TLS connection "u8))
        && (text.IndexOf(" established from "u8) >= 0 || text.IndexOf(" reused from "u8) >= 0);

    /// <summary>The queue id a line starts with ("ABC123: ", "NOQUEUE: "), or empty.</summary>
    private static ReadOnlySpan<byte> QueueIdAt(ReadOnlySpan<byte> text)
    {
        var length = 0;
        while (length < text.Length && length < 32 && IsAsciiLetterOrDigit(text[length])) length++;
        return length >= 5 && length + 1 < text.Length && text[length] == (byte)':' && text[length + 1] == (byte)' ' ? text[..length] : default;
    }

    /// <summary>"host[ip]" or "host[ip]:port"; ip is null for a client Postfix could not name ("unknown" address).</summary>
    private static bool TryClientAddress(ReadOnlySpan<byte> nameAddr, out IPAddress? ip)
    {
        ip = null;
        var open = nameAddr.IndexOf((byte)'[');
        var close = nameAddr.LastIndexOf((byte)']');
        if (open < 0 || close < open) return false;
        var address = nameAddr[(open + 1)..close];
        if (address.StartsWith("IPv6:"u8)) address = address[5..];
        if (address.Length is 0 or > 64) return true;
        Span<char> chars = stackalloc char[address.Length];
        Encoding.Latin1.GetChars(address, chars);
        if (IPAddress.TryParse(chars, out var parsed)) ip = parsed;
        return true;
    }

    private const int KeyChars = 512;

    /// <summary>The chars of first (and " second"), in buffer; empty when too long to be a real key.</summary>
    private static ReadOnlySpan<char> Key(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<char> buffer)
    {
        var length = first.Length + (second.IsEmpty ? 0 : second.Length + 1);
        if (length > buffer.Length) return default;
        Encoding.Latin1.GetChars(first, buffer);
        if (!second.IsEmpty)
        {
            buffer[first.Length] = ' ';
            Encoding.Latin1.GetChars(second, buffer[(first.Length + 1)..]);
        }

        return buffer[..length];
    }

    private string HostName(ReadOnlySpan<byte> host)
    {
        Span<char> chars = stackalloc char[KeyChars];
        var key = Key(host, default, chars);
        var lookup = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(key, out var name)) return name;
        name = Encoding.UTF8.GetString(host);
        if (_hosts.Count < 10_000) lookup[key] = name;
        return name;
    }

    private Service ServiceOf(ReadOnlySpan<byte> syslogName)
    {
        Span<char> chars = stackalloc char[KeyChars];
        var key = Key(syslogName, default, chars);
        var lookup = _services.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(key, out var service)) return service;
        var name = Encoding.UTF8.GetString(syslogName);
        service = new Service(name, _options.IsSubmission(name));
        if (_services.Count < 10_000) lookup[key] = service;
        return service;
    }

    private static int FirstOf(ReadOnlySpan<byte> value, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        var end = value.Length;
        foreach (var at in (ReadOnlySpan<int>)[value.IndexOf(a), value.IndexOf(b), value.IndexOf(c)])
        {
            if (at >= 0 && at < end) end = at;
        }

        return end;
    }

    private static bool IsAsciiLetterOrDigit(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    private sealed record Service(string Name, bool IsSubmission);

    private sealed class Connection(long openedUtcTicks) : OpenEntry(openedUtcTicks)
    {
        public bool Tls { get; set; }
    }

    private sealed class WaitingMessage(DateTimeOffset time, string host, Service service, IPAddress? clientIp, string? username, bool tls, string queueId)
        : OpenEntry(time.UtcTicks)
    {
        public DateTimeOffset Time { get; } = time;
        public string Host { get; } = host;
        public Service Service { get; } = service;
        public IPAddress? ClientIp { get; } = clientIp;
        public string? Username { get; } = username;
        public bool Tls { get; } = tls;
        public string QueueId { get; } = queueId;
    }
}
