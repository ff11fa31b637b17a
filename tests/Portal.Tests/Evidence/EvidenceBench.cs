using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Core.Evidence;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Evidence;

/// <summary>
/// An evidence store on a fresh database of its own, with members, a clock on 2026-12-10 (Tokyo) and ways to read back
/// what was stored. The log lines the tests write are in December 2026, read with that year.
/// </summary>
internal sealed class EvidenceBench : IAsyncDisposable
{
    private EvidenceBench(TestDatabase test, EvidenceOptions options, UserNameFormat userNames)
    {
        Test = test;
        Options = options;
        Store = new EvidenceStore(test.Database, Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Options.Options.Create(new IspOptions { UserNameFormat = userNames }), Microsoft.Extensions.Options.Options.Create(new ScheduleOptions()), Time);
        Import = new EvidenceImport(Store, Microsoft.Extensions.Options.Options.Create(options));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.FromHours(9)));

    public TestDatabase Test { get; }

    public EvidenceOptions Options { get; }

    public EvidenceStore Store { get; }

    public EvidenceImport Import { get; }

    public static ClassicYear Year => ClassicYear.StartingIn(2026);

    public static async Task<EvidenceBench> CreateAsync(DatabaseProvider provider, EvidenceOptions? options = null, UserNameFormat userNames = UserNameFormat.FullAddress)
    {
        var bench = new EvidenceBench(await TestDatabase.CreateAsync(provider), options ?? new EvidenceOptions(), userNames);
        return bench;
    }

    /// <summary>A follower on this database and clock: its writes every few seconds happen as the test moves <see cref="Time"/> on.</summary>
    public EvidenceFollower Follower(EvidenceOptions? options = null) =>
        new(Store, Microsoft.Extensions.Options.Options.Create(options ?? Options), Time, NullLogger<EvidenceFollower>.Instance);

    /// <summary>Waits (up to 30 s) until the condition holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within 30 s: {what}");
            await Task.Delay(50);
        }
    }

    public async Task AddMembersAsync(params MemberRow[] rows) =>
        await new MemberStore(Test.Database, TimeProvider.System).UpsertAsync(rows, "test", CancellationToken.None);

    public Task<EvidenceImportReport> ImportAsync(params string[] paths) =>
        Import.ImportAsync(paths.Select(EvidenceInput.File).ToList(), Year, CancellationToken.None);

    public Task<EvidenceImportReport> ImportTextAsync(string name, string text) =>
        Import.ImportAsync([EvidenceInput.FromStream(name, new MemoryStream(Encoding.UTF8.GetBytes(text)))], Year, CancellationToken.None);

    /// <summary>Every MemberEvidence row as "account kind day count first-last" (times in Tokyo, to the second), in order.</summary>
    public async Task<List<string>> EvidenceAsync()
    {
        await using var connection = await Test.Database.OpenAsync(CancellationToken.None);
        var day = Test.Database.Provider == DatabaseProvider.SqlServer ? "CONVERT(char(10), e.Day, 23)" : "e.Day";
        var rows = await connection.QueryAsync<EvidenceRow>(
            $"SELECT m.Account, e.Kind, {day} AS Day, e.Count, e.FirstAt, e.LastAt FROM MemberEvidence AS e JOIN Members AS m ON m.Id = e.MemberId");
        return rows.Select(r => $"{r.Account} {r.Kind} {r.Day} {r.Count} {Tokyo(r.FirstAt)}-{Tokyo(r.LastAt)}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every UnmatchedEvidence row as "day kind count", in order.</summary>
    public async Task<List<string>> UnmatchedAsync()
    {
        await using var connection = await Test.Database.OpenAsync(CancellationToken.None);
        var day = Test.Database.Provider == DatabaseProvider.SqlServer ? "CONVERT(char(10), Day, 23)" : "Day";
        var rows = await connection.QueryAsync<UnmatchedRow>($"SELECT {day} AS Day, Kind, Count FROM UnmatchedEvidence");
        return rows.Select(r => $"{r.Day} {r.Kind} {r.Count}").Order(StringComparer.Ordinal).ToList();
    }

    private static string Tokyo(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(9)).ToString("MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => Test.DisposeAsync();

    private sealed class EvidenceRow
    {
        public string Account { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Day { get; init; } = "";
        public long Count { get; init; }
        public DateTimeOffset FirstAt { get; init; }
        public DateTimeOffset LastAt { get; init; }
    }

    private sealed class UnmatchedRow
    {
        public string Day { get; init; } = "";
        public string Kind { get; init; } = "";
        public long Count { get; init; }
    }
}

/// <summary>Postfix log lines in the shapes PostfixLogTests documents, for one made-up server "mx1" in December 2026.</summary>
internal static class EvidenceLines
{
    /// <summary>A message signed in on the submission service: connect, TLS, the queue-id line with the login, qmgr's sender line, disconnect.</summary>
    public static string[] Submission(string time, int pid, string queueId, string login, string sender) =>
    [
        $"{time} mx1 postfix/submission/smtpd[{pid}]: connect from p{pid}.example.ne.jp[198.51.100.23]",
        $"{time} mx1 postfix/submission/smtpd[{pid}]: Anonymous TLS connection established from p{pid}.example.ne.jp[198.51.100.23]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
        $"{time} mx1 postfix/submission/smtpd[{pid}]: {queueId}: client=p{pid}.example.ne.jp[198.51.100.23], sasl_method=PLAIN, sasl_username={login}",
        $"{time} mx1 postfix/qmgr[901]: {queueId}: from=<{sender}>, size=1532, nrcpt=1 (queue active)",
        $"{time} mx1 postfix/submission/smtpd[{pid}]: disconnect from p{pid}.example.ne.jp[198.51.100.23] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8",
    ];

    /// <summary>A message on port 25 without SMTP-AUTH, known by its sender only.</summary>
    public static string[] Port25(string time, int pid, string queueId, string sender) =>
    [
        $"{time} mx1 postfix/smtpd[{pid}]: connect from p{pid}.example.ne.jp[198.51.100.77]",
        $"{time} mx1 postfix/smtpd[{pid}]: {queueId}: client=p{pid}.example.ne.jp[198.51.100.77]",
        $"{time} mx1 postfix/qmgr[901]: {queueId}: from=<{sender}>, size=2048, nrcpt=1 (queue active)",
        $"{time} mx1 postfix/smtpd[{pid}]: disconnect from p{pid}.example.ne.jp[198.51.100.77] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5",
    ];

    /// <summary>A message on port 25 after SMTP-AUTH.</summary>
    public static string[] Port25Auth(string time, int pid, string queueId, string login, string sender) =>
    [
        $"{time} mx1 postfix/smtpd[{pid}]: connect from p{pid}.example.ne.jp[198.51.100.40]",
        $"{time} mx1 postfix/smtpd[{pid}]: {queueId}: client=p{pid}.example.ne.jp[198.51.100.40], sasl_method=LOGIN, sasl_username={login}",
        $"{time} mx1 postfix/qmgr[901]: {queueId}: from=<{sender}>, size=700, nrcpt=1 (queue active)",
    ];

    /// <summary>A failed sign-in as Postfix 3.9 and later log it; no name: "(unavailable)", as when the client sent none.</summary>
    public static string AuthFailed(string time, int pid, string? name) =>
        $"{time} mx1 postfix/submission/smtpd[{pid}]: warning: p{pid}.example.ne.jp[198.51.100.50]: SASL PLAIN authentication failed: authentication failure, sasl_username={name ?? "(unavailable)"}";

    public static string Text(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";
}
