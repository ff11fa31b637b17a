using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.AutoSetup;
using Portal.Core.Configuration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoSetup;

/// <summary>The per-IP allowance of one-click documents: counted per minute in the database, shared by nodes, and answered with 429 and Retry-After.</summary>
public sealed class AutoSetupAllowanceTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    private static Microsoft.Extensions.Options.IOptions<AutoSetupOptions> Allowing(int perMinute) =>
        Microsoft.Extensions.Options.Options.Create(new AutoSetupOptions { RequestsPerClientIpPerMinute = perMinute });

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task An_IP_gets_its_allowance_per_minute_across_nodes_and_each_IP_has_its_own(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 40, TimeSpan.Zero));
        // Two nodes, one database.
        var first = new AutoSetupAllowance(test.Database, test.Keys(clock), Allowing(3), clock, NullLogger<AutoSetupAllowance>.Instance);
        var second = new AutoSetupAllowance(test.Database, test.Keys(clock), Allowing(3), clock, NullLogger<AutoSetupAllowance>.Instance);

        Assert.Null(await first.TryTakeAsync("192.0.2.1", CancellationToken.None));
        Assert.Null(await second.TryTakeAsync("192.0.2.1", CancellationToken.None));
        Assert.Null(await first.TryTakeAsync("192.0.2.1", CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 1, 0, TimeSpan.Zero), await second.TryTakeAsync("192.0.2.1", CancellationToken.None));
        Assert.Null(await second.TryTakeAsync("192.0.2.2", CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(await first.TryTakeAsync("192.0.2.1", CancellationToken.None));
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        var keys = (await connection.QueryAsync<string>("SELECT ClientIpHash FROM AutoSetupRequests")).ToList();
        Assert.Equal(3, keys.Count);
        Assert.DoesNotContain(keys, k => k.Contains("192.0.2", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Many_requests_at_once_are_all_counted(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var allowance = new AutoSetupAllowance(test.Database, test.Keys(clock), Allowing(10), clock, NullLogger<AutoSetupAllowance>.Instance);

        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Task.Run(() => allowance.TryTakeAsync("192.0.2.9", CancellationToken.None))));

        Assert.Equal(10, answers.Count(a => a is null));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Past_minutes_are_swept(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var allowance = new AutoSetupAllowance(test.Database, test.Keys(clock), Allowing(10), clock, NullLogger<AutoSetupAllowance>.Instance);
        await allowance.TryTakeAsync("192.0.2.1", CancellationToken.None);
        Assert.Equal(0, await allowance.SweepAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(90));
        await allowance.TryTakeAsync("192.0.2.1", CancellationToken.None);
        Assert.Equal(1, await allowance.SweepAsync(CancellationToken.None));
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AutoSetupRequests"));
    }

    [Fact]
    public async Task Past_the_allowance_every_document_answers_429_with_Retry_After_and_the_page_says_why()
    {
        // A clock that stands still mid-minute: the requests below must all count in one window.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 30, TimeSpan.Zero));
        await using var portal = MailSetup.Variations[0].Portal(new Dictionary<string, string?> { ["AutoSetup:RequestsPerClientIpPerMinute"] = "4" },
            services => services.AddSingleton<TimeProvider>(clock));
        using var client = portal.CreateClient();
        const string autodiscover = """
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request>
            <EMailAddress>taro@example.jp</EMailAddress>
            <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
            </Request></Autodiscover>
            """;

        // Four within the allowance, one of each kind.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mail/config-v1.1.xml?emailaddress=taro%40example.jp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/autodiscover/autodiscover.xml", new StringContent(autodiscover, Encoding.UTF8, "text/xml"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auto-setup/apple/profile?address=taro%40example.jp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auto-setup/apple?culture=en&address=taro%40example.jp")).StatusCode);

        foreach (var refused in new[]
                 {
                     await client.GetAsync("/.well-known/autoconfig/mail/config-v1.1.xml"),
                     await client.PostAsync("/autodiscover/autodiscover.xml", new StringContent(autodiscover, Encoding.UTF8, "text/xml")),
                     await client.GetAsync("/auto-setup/apple/profile?address=taro%40example.jp"),
                 })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        }

        using var page = await client.GetAsync("/auto-setup/apple?culture=en&address=taro%40example.jp");
        var document = await PageReader.ParseAsync(page);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("Many requests came from your connection in a short time, so this is paused. Please try again in 30 seconds.", document.QuerySelector("#profile-throttled")?.TextContent);
        Assert.Null(document.QuerySelector("#profile-qr"));
        // The form without an address draws nothing and is never refused.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auto-setup/apple")).StatusCode);
    }

    [Fact]
    public async Task Without_the_database_the_documents_are_still_served_uncounted_and_it_is_logged()
    {
        await using var portal = MailSetup.Variations[0].Portal(new Dictionary<string, string?> { ["AutoSetup:RequestsPerClientIpPerMinute"] = "1" });
        using var client = portal.CreateClient();
        await using (var connection = await portal.Services.GetRequiredService<Portal.Core.Data.PortalDatabase>().OpenAsync(CancellationToken.None))
            await connection.ExecuteAsync("DROP TABLE AutoSetupRequests");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mail/config-v1.1.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mail/config-v1.1.xml")).StatusCode);
        Assert.Equal(2, portal.Watch.Logs.Lines.Count(l => l.Contains("One-click set-up: the request could not be counted, so it was let through", StringComparison.Ordinal)));
    }
}
