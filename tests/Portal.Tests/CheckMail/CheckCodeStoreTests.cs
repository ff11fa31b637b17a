using System.Net;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.CheckMail;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.CheckMail;

/// <summary>One-time codes in each available database: issued, used once, expired, throttled per IP, swept.</summary>
public sealed class CheckCodeStoreTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    private static readonly TraceAnalysis AllSet = new(TraceVerdict.AllSet, true, true, 587, "header", "thunderbird", IPAddress.Parse("198.51.100.7"), true, "ESMTPSA", "authenticated and encrypted");

    private static CheckCodeStore Store(TestDatabase test, TimeProvider clock, int perIp = 30)
    {
        var options = Options.Create(new CheckMailOptions { Address = "check@example.jp", CodeMinutes = 30, CodesPerClientIpPerHour = perIp });
        var isp = Options.Create(new IspOptions());
        return new CheckCodeStore(test.Database, test.Keys(clock), options, new CheckMailSetup(options, new DemoMode(Options.Create(new DemoSubmissionOptions()), isp)), clock);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_code_takes_the_first_result_only_and_the_page_reads_it(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var store = Store(test, clock);

        var issued = Assert.IsType<CodeIssue.Issued>(await store.IssueAsync("192.0.2.1", "becky-2", CancellationToken.None)).Code;
        Assert.Matches("^[0-9a-f]{32}$", issued.Token);
        Assert.True((await store.FindAsync(issued.Token, CancellationToken.None))!.IsWaiting(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await RecordAsync(test, store, issued.Code, AllSet));
        Assert.False(await RecordAsync(test, store, issued.Code, AllSet with { Verdict = TraceVerdict.Port25, Port = 25 }));

        var found = await store.FindAsync(issued.Token, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(AllSet, found!.Result);
        Assert.Equal(("becky-2", clock.GetUtcNow()), (found.Program, found.ReceivedAt));
        Assert.Null(await store.FindAsync("0123456789abcdef0123456789abcdef", CancellationToken.None));
        Assert.Null(await store.FindAsync(new string('a', 500), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task An_expired_code_takes_no_result_and_is_swept_a_day_later(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var store = Store(test, clock);
        var issued = ((CodeIssue.Issued)await store.IssueAsync("192.0.2.1", null, CancellationToken.None)).Code;

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.False(await RecordAsync(test, store, issued.Code, AllSet));
        Assert.False((await store.FindAsync(issued.Token, CancellationToken.None))!.IsWaiting(clock.GetUtcNow()));

        Assert.Equal(0, await store.SweepAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, await store.SweepAsync(CancellationToken.None));
        Assert.Null(await store.FindAsync(issued.Token, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task One_IP_gets_a_limited_number_of_codes_per_hour_and_its_address_is_not_stored(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var store = Store(test, clock, perIp: 2);

        Assert.IsType<CodeIssue.Issued>(await store.IssueAsync("192.0.2.1", null, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.IsType<CodeIssue.Issued>(await store.IssueAsync("192.0.2.1", null, CancellationToken.None));
        var throttled = Assert.IsType<CodeIssue.Throttled>(await store.IssueAsync("192.0.2.1", null, CancellationToken.None));
        Assert.IsType<CodeIssue.Issued>(await store.IssueAsync("192.0.2.2", null, CancellationToken.None));

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), throttled.RetryAt);
        clock.Advance(TimeSpan.FromMinutes(50).Add(TimeSpan.FromSeconds(1)));
        Assert.IsType<CodeIssue.Issued>(await store.IssueAsync("192.0.2.1", null, CancellationToken.None));
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        Assert.DoesNotContain(await connection.QueryAsync<string>("SELECT ClientIpHash FROM CheckCodes"), h => h.Contains("192.0.2", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Two_readers_racing_with_one_message_record_it_once(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var first = Store(test, clock);
        var second = Store(test, clock);
        var issued = ((CodeIssue.Issued)await first.IssueAsync("192.0.2.1", null, CancellationToken.None)).Code;

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => RecordAsync(test, i % 2 == 0 ? first : second, issued.Code, AllSet))));

        Assert.Equal(1, wins.Count(w => w));
    }

    /// <summary>One result recorded in a transaction of its own, as the inbox does.</summary>
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Whatever_a_message_says_its_values_fit_their_columns(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var store = Store(test, clock);
        var issued = ((CodeIssue.Issued)await store.IssueAsync("192.0.2.1", null, CancellationToken.None)).Code;
        var oversized = AllSet with
        {
            Protocol = "ESMTPSA" + new string('X', 40), Program = new string('p', 100), Reason = new string('r', 5000),
            ClientIp = IPAddress.Parse("fe80:1234:5678:9abc:def0:1234:5678:9abc%4294967295"), PortSource = "header-and-then-some",
        };

        Assert.True(await RecordAsync(test, store, issued.Code, oversized));

        var stored = (await store.FindAsync(issued.Token, CancellationToken.None))!.Result!;
        Assert.Equal(("ESMTPSAXXXXXXXXX", 64, 400, 16), (stored.Protocol, stored.Program!.Length, stored.Reason.Length, stored.PortSource.Length));
        Assert.Null(stored.ClientIp);
    }

    private static async Task<bool> RecordAsync(TestDatabase test, CheckCodeStore store, string code, TraceAnalysis analysis)
    {
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        var recorded = await store.RecordAsync(transaction, code, analysis, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return recorded;
    }
}
