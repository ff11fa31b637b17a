using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Watches every portal the suite starts (<see cref="PortalFactory"/>) for a password getting out: every password
/// typed into a form of any portal during the run is searched for, as typed, base64-encoded (AUTH LOGIN) and inside
/// AUTH PLAIN's base64 "[authzid]\0user\0password" (for the account typed with it, whole or its local part),
/// in that portal's log lines, every response it sent, and every value in its database when it stops. A portal that
/// leaked fails the test that ran it; tests/run.sh prints the whole run's count after the suite and fails on any leak.
/// </summary>
public sealed partial class PasswordWatch
{
    public const string LedgerVariable = "PORTAL_PASSWORD_WATCH_FILE";

    private static readonly ConcurrentDictionary<string, byte> Typed = new(StringComparer.Ordinal);

    /// <summary>Every form a typed password can travel in: as typed, base64 (AUTH LOGIN), and AUTH PLAIN's "[authzid]\0user\0password".</summary>
    private static readonly ConcurrentDictionary<string, byte> Forms = new(StringComparer.Ordinal);

    private readonly CapturedLogs _logs = new();
    private readonly ConcurrentQueue<string> _responses = new();

    public CapturedLogs Logs => _logs;

    /// <summary>Runs first in the portal's pipeline: notes the password of every form post and keeps a copy of every response.</summary>
    public IStartupFilter Middleware => new Filter(this);

    private static void Note(string password, string account)
    {
        Typed.TryAdd(password, 0);
        static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        Forms.TryAdd(password, 0);
        Forms.TryAdd(Base64(password), 0);
        var users = new[] { account.Trim(), account.Trim().Split('@')[0] }.Where(u => u.Length > 0).Distinct();
        foreach (var user in users)
        {
            Forms.TryAdd(Base64($"\0{user}\0{password}"), 0);
            Forms.TryAdd(Base64($"{user}\0{user}\0{password}"), 0);
        }
    }

    /// <summary>Searches everything this portal wrote; returns where a password was found (empty: nothing leaked) and records the counts.</summary>
    public async Task<IReadOnlyList<string>> SearchAsync(string databaseFile, string? demoPassword)
    {
        var secrets = Forms.Keys.ToList();
        List<string> values;
        try
        {
            values = File.Exists(databaseFile) ? await EveryDatabaseValueAsync(databaseFile) : [];
        }
        catch (SqliteException)
        {
            // A test that broke its database on purpose: there is nothing left to search.
            values = [];
        }

        // The demo account's password is public: the home page and the test page show it on purpose, there and only there.
        var pages = _responses.Select(r => demoPassword is null ? r : DemoNotice().Replace(r, "")).ToList();
        var findings = new List<string>();
        foreach (var secret in secrets)
        {
            findings.AddRange(_logs.Lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).Select(l => $"log: {l}"));
            findings.AddRange(pages.Where(p => p.Contains(secret, StringComparison.Ordinal)).Select(p => $"response: {Around(p, secret)}"));
            findings.AddRange(values.Where(v => v.Contains(secret, StringComparison.Ordinal)).Select(v => $"database: {Around(v, secret)}"));
        }

        if (Environment.GetEnvironmentVariable(LedgerVariable) is { Length: > 0 } ledger)
        {
            // One line per portal; tests/run.sh sums them after the whole suite.
            var line = $"portal passwords={Typed.Count} logs={_logs.Lines.Count} responses={_responses.Count} values={values.Count} leaks={findings.Count}"
                       + (findings.Count > 0 ? $" first={findings[0].ReplaceLineEndings(" ")}" : "") + Environment.NewLine;
            lock (Typed) File.AppendAllText(ledger, line);
        }

        return findings;
    }

    public static async Task<List<string>> EveryDatabaseValueAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var values = new List<string>();
        foreach (var table in await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    values.Add(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return values;
    }

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 80);
        return text.Substring(start, Math.Min(text.Length - start, secret.Length + 160)).ReplaceLineEndings(" ");
    }

    [GeneratedRegex("""<code id="demo-password">[^<]*</code>|<p class="notice notice--demo" id="probe-demo">[^<]*</p>""")]
    private static partial Regex DemoNotice();

    private sealed class Filter(PasswordWatch watch) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
                {
                    var form = await context.Request.ReadFormAsync(context.RequestAborted);
                    // Short ones ("pw", "x") would be found everywhere by chance.
                    if (form["Password"].ToString() is { Length: >= 6 } password) Note(password, form["Account"].ToString());
                }

                var original = context.Response.Body;
                await using var copy = new CopyingStream(original);
                context.Response.Body = copy;
                try
                {
                    await following(context);
                }
                finally
                {
                    context.Response.Body = original;
                    watch._responses.Enqueue(copy.Text());
                }
            });
            next(app);
        };
    }

    /// <summary>Passes every write through (flushes too, so streamed answers still stream) and keeps the first 4 MB.</summary>
    private sealed class CopyingStream(Stream inner) : Stream
    {
        private const int Cap = 4 * 1024 * 1024;
        private readonly MemoryStream _copy = new();

        public string Text()
        {
            lock (_copy) return Encoding.UTF8.GetString(_copy.GetBuffer(), 0, (int)_copy.Length);
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            lock (_copy)
            {
                if (_copy.Length < Cap) _copy.Write(bytes[..(int)Math.Min(bytes.Length, Cap - _copy.Length)]);
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
