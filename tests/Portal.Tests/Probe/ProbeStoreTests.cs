using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Core.Probe;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Probe;

/// <summary>Throttle rows and results in each available database: counted, found, expired and swept.</summary>
public sealed class ProbeStoreTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    private static readonly IOptions<ProbeOptions> Options = Microsoft.Extensions.Options.Options.Create(new ProbeOptions
    {
        ResultDays = 2, Limits = new ProbeLimits { PerAccount = 2, PerAccountWindowMinutes = 15, PerClientIp = 100, PerClientIpWindowMinutes = 60 },
    });

    private static ProbeRequest Request => new(new ProbeTarget("smtp.example.jp", 587, ConnectionSecurity.StartTls), "taro@example.jp", "secret", "taro@example.jp", "postmaster@example.jp");

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task The_limit_opens_again_when_the_oldest_probe_leaves_the_window(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var throttle = new ProbeThrottle(test.Database, test.Keys(clock), Options, clock);

        Assert.Null(await throttle.TryTakeAsync("Taro@example.jp", "192.0.2.1", CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await throttle.TryTakeAsync("taro@example.jp", "192.0.2.2", CancellationToken.None));
        var retryAt = await throttle.TryTakeAsync("taro@example.jp", "192.0.2.3", CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 15, 0, TimeSpan.Zero), retryAt);
        clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(1)));
        Assert.Null(await throttle.TryTakeAsync("taro@example.jp", "192.0.2.3", CancellationToken.None));
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        var keys = await connection.QueryAsync<string>("SELECT KeyHash FROM ProbeAttempts");
        Assert.DoesNotContain(keys, k => k.Contains("taro", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Results_are_found_by_code_until_they_expire_then_swept(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var store = new ProbeResultStore(test.Database, Options, clock);
        var report = new ProbeReport(ProbeVerdict.Fail, Diagnosis.AuthFailed, [new ProbeStep(ProbeSteps.Authenticate, ProbeStatus.Fail, 12, "535")], "C: EHLO x");

        var saved = await store.SaveAsync(Request, "becky-2", report, CancellationToken.None);
        var found = await store.FindAsync(saved.Code.ToLowerInvariant(), CancellationToken.None);

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", saved.Code);
        Assert.NotNull(found);
        Assert.Equal(("taro@example.jp", "becky-2", Diagnosis.AuthFailed, ProbeVerdict.Fail), (found!.Account, found.Program, found.Report.Diagnosis, found.Report.Verdict));
        Assert.Equal(report.Steps, found.Report.Steps);
        Assert.Equal(saved.CreatedAt.AddDays(2), found.ExpiresAt);

        clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromMinutes(1)));
        Assert.Null(await store.FindAsync(saved.Code, CancellationToken.None));
        var swept = await new ProbeSweep(test.Database, Options, clock).SweepAsync(CancellationToken.None);
        Assert.Equal(1, swept);
    }
}
