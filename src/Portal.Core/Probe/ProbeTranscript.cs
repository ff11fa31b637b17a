using System.Diagnostics;
using System.Text;
using MailKit;

namespace Portal.Core.Probe;

/// <summary>
/// MailKit's protocol log for one probe, kept for support with the AUTH exchange replaced by a placeholder,
/// and the moments each SMTP stage answered, so the probe can time and place each step.
/// </summary>
/// <remarks>
/// What the client sends is hidden from AUTH until the probe says authentication has returned
/// (<see cref="AuthenticationEnded"/>), never on the strength of what the server replied: a hostile server can frame its
/// replies so that they seem to end the exchange before the password is sent. Any line that still carries one of the
/// secrets (the password, its base64 and AUTH PLAIN's) has it replaced, whoever sent it.
/// </remarks>
internal sealed class ProbeTranscript : IProtocolLogger
{
    public const string HiddenAuth = "[authentication exchange hidden]";
    public const string HiddenSecret = "[hidden]";

    private readonly IReadOnlyList<string> _secrets;

    private readonly StringBuilder _text = new();
    private readonly StringBuilder _clientPending = new();
    private readonly StringBuilder _serverPending = new();
    private readonly Stopwatch _clock;
    private bool _inAuth;

    public ProbeTranscript(Stopwatch clock, Action<string>? answered = null, string? userName = null, string? password = null)
    {
        _clock = clock;
        _answered = answered;
        _secrets = Secrets(userName, password);
    }

    /// <summary>The forms a password travels in: as typed, base64 (AUTH LOGIN), and AUTH PLAIN's "[authzid]\0user\0password".</summary>
    internal static IReadOnlyList<string> Secrets(string? userName, string? password)
    {
        if (string.IsNullOrEmpty(password)) return [];
        static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var secrets = new List<string> { password, Base64(password) };
        if (!string.IsNullOrEmpty(userName)) secrets.AddRange([Base64($"\0{userName}\0{password}"), Base64($"{userName}\0{userName}\0{password}")]);
        // Longest first, so that a form is hidden whole rather than around a shorter one inside it.
        return secrets.Where(s => s.Length >= 3).Distinct().OrderByDescending(s => s.Length).ToList();
    }

    /// <summary>Said by the probe once AUTH has returned, passed or failed: what the client sends is shown again.</summary>
    public void AuthenticationEnded() => _inAuth = false;

    private readonly Action<string>? _answered;
    private bool _greeted;

    // Not used: the whole AUTH exchange is replaced, not only the secrets MailKit would point at.
    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>When the first server line arrived (ms since the probe started), if it did.</summary>
    public long? GreetingAt { get; private set; }

    public int EhloCount { get; private set; }

    /// <summary>The last command the client sent (its verb only), e.g. "EHLO" or "STARTTLS".</summary>
    public string? LastCommand { get; private set; }

    /// <summary>When each command's reply completed, by verb and occurrence ("EHLO#1", "STARTTLS#1"...).</summary>
    public Dictionary<string, long> Answered { get; } = [];

    /// <summary>When each command was sent, by verb and occurrence.</summary>
    public Dictionary<string, long> Sent { get; } = [];

    private readonly Dictionary<string, int> _occurrences = [];
    private string? _awaiting;

    public void LogConnect(Uri uri) => Append($"# connected to {uri.Host}:{uri.Port}");

    public void LogClient(byte[] buffer, int offset, int count)
    {
        // MailKit logs what each write and read carried, not whole lines: only complete lines are looked at.
        foreach (var line in CompleteLines(_clientPending, Encoding.ASCII.GetString(buffer, offset, count)))
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            if (!_inAuth && verb == "AUTH")
            {
                _inAuth = true;
                Append($"C: {HiddenAuth}");
                Track("AUTH");
                continue;
            }

            // Everything the client sends while authenticating is a credential (PLAIN's initial response, LOGIN's lines).
            if (_inAuth) continue;
            Track(verb);
            Append($"C: {Printable(line)}");
        }
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        foreach (var line in CompleteLines(_serverPending, Encoding.UTF8.GetString(buffer, offset, count)))
        {
            GreetingAt ??= _clock.ElapsedMilliseconds;
            var final = line.Length < 4 || line[3] != '-';
            if (_inAuth)
            {
                // 334 challenges may echo what is asked for; only the final reply is kept. It does not end the hidden
                // part: the probe does (AuthenticationEnded), so a reply framed to look final cannot expose the password.
                if (final && !line.StartsWith("334", StringComparison.Ordinal))
                {
                    LastAuthReply = Status(line);
                    Append($"S: {Printable(line)}");
                    Complete();
                }

                continue;
            }

            Append($"S: {Printable(line)}");
            if (!final) continue;
            LastReplyCode = Status(line);
            if (!_greeted)
            {
                _greeted = true;
                _answered?.Invoke("greeting");
                continue;
            }

            Complete();
        }
    }

    /// <summary>Whether the server's last complete reply was a refusal (4xx or 5xx).</summary>
    public bool LastReplyFailed => LastReplyCode is >= 400 and < 600;

    /// <summary>The status code of the server's last complete reply outside AUTH, when it had one.</summary>
    public int? LastReplyCode { get; private set; }

    /// <summary>The status code of the server's final answer to AUTH (235, 535, 454...), once there was one.</summary>
    public int? LastAuthReply { get; private set; }

    /// <summary>The reply's three-digit status, if it starts with one.</summary>
    private static int? Status(string line) => int.TryParse(line.AsSpan(0, Math.Min(3, line.Length)), out var status) ? status : null;

    private static IEnumerable<string> CompleteLines(StringBuilder pending, string text)
    {
        // A hostile peer may never end a line: what is held back stays bounded.
        if (pending.Length < 64 * 1024) pending.Append(text);
        var all = pending.ToString();
        var end = all.LastIndexOf('\n');
        if (end < 0) return [];
        pending.Clear().Append(all[(end + 1)..]);
        return all[..end].Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
    }

    public override string ToString() => _text.ToString();

    public void Dispose()
    {
    }

    private void Track(string verb)
    {
        LastCommand = verb;
        if (verb == "EHLO") EhloCount++;
        _occurrences[verb] = _occurrences.GetValueOrDefault(verb) + 1;
        _awaiting = $"{verb}#{_occurrences[verb]}";
        Sent[_awaiting] = _clock.ElapsedMilliseconds;
    }

    private void Complete()
    {
        if (_awaiting is null) return;
        Answered[_awaiting] = _clock.ElapsedMilliseconds;
        _answered?.Invoke(_awaiting);
        _awaiting = null;
    }

    private void Append(string line)
    {
        foreach (var secret in _secrets) line = line.Replace(secret, HiddenSecret, StringComparison.Ordinal);
        // A hostile server can send anything: keep the transcript bounded.
        if (_text.Length < 64 * 1024) _text.Append(line).Append('\n');
    }

    private static string Printable(string line)
    {
        var clean = new string(line.Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return clean.Length > 512 ? clean[..512] + "…" : clean;
    }
}
