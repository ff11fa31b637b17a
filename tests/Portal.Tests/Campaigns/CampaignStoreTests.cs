using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Campaigns;
using Portal.Core.Configuration;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Campaigns;

/// <summary>A campaign send as a job in each available database: asked for once, held by one node at a time, resumed where it stopped.</summary>
public sealed class CampaignStoreTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_send_is_held_by_one_node_and_another_resumes_it_where_it_stopped_after_the_lease(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var store = new CampaignStore(test.Database, clock, Options.Create(new ScheduleOptions()));
        var members = new MemberStore(test.Database, clock);
        await members.UpsertAsync(Enumerable.Range(1, 5).Select(i => new MemberRow($"m{i}", $"m{i}@example.jp", "", null, i % 2 == 0 ? "en" : "ja")).ToList(), "file", CancellationToken.None);
        var template = new MailTemplate("Hello {name}", "{link}\n");
        var id = await store.CreateAsync("Reminder", new CampaignFilter(true, null, "ja"), template, template, "admin@example.jp", CancellationToken.None);
        var lease = TimeSpan.FromMinutes(2);

        Assert.Equal(3, await store.CountMembersAsync(new CampaignFilter(true, null, "ja"), CancellationToken.None));
        Assert.Null(await store.ClaimSendAsync("node-a", clock.GetUtcNow() + lease, CancellationToken.None));
        Assert.True(await store.RequestSendAsync(id, "admin@example.jp", new Uri("https://portal.example.jp/"), CancellationToken.None));
        Assert.False(await store.RequestSendAsync(id, "other@example.jp", new Uri("https://portal.example.jp/"), CancellationToken.None));

        Assert.Equal(id, await store.ClaimSendAsync("node-a", clock.GetUtcNow() + lease, CancellationToken.None));
        Assert.Null(await store.ClaimSendAsync("node-b", clock.GetUtcNow() + lease, CancellationToken.None));
        var firstPage = await store.MembersAsync(new CampaignFilter(true, null, "ja"), 0, 2, CancellationToken.None);
        Assert.Equal(["m1", "m3"], firstPage.Select(m => m.Account));
        Assert.True(await store.AdvanceSendAsync(id, "node-a", firstPage[^1].Id, 2, clock.GetUtcNow() + lease, CancellationToken.None));

        // node-a dies here; once its lease runs out node-b takes over from the last member recorded.
        clock.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Equal(id, await store.ClaimSendAsync("node-b", clock.GetUtcNow() + lease, CancellationToken.None));
        Assert.False(await store.AdvanceSendAsync(id, "node-a", firstPage[^1].Id, 1, clock.GetUtcNow() + lease, CancellationToken.None));
        var resumed = (await store.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((true, 2, firstPage[^1].Id, "admin@example.jp"), (resumed.IsSending, resumed.Queued, resumed.QueuedUpTo, resumed.SendBy));
        Assert.Equal(["m5"], (await store.MembersAsync(resumed.Filter, resumed.QueuedUpTo, 2, CancellationToken.None)).Select(m => m.Account));

        Assert.True(await store.FinishSendAsync(id, "node-b", CancellationToken.None));
        var done = (await store.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((false, clock.GetUtcNow()), (done.IsSending, done.LastSentAt));
        Assert.Null(await store.ClaimSendAsync("node-c", clock.GetUtcNow() + lease, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_campaign_can_go_to_the_members_the_log_shows_still_on_port_25_in_the_last_days(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        // 18:00 in Tokyo, the ISP's zone: today is 28 November there.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var store = new CampaignStore(test.Database, clock, Options.Create(new ScheduleOptions()));
        var members = new MemberStore(test.Database, clock);
        await members.UpsertAsync(Enumerable.Range(1, 5).Select(i => new MemberRow($"m{i}", $"m{i}@example.jp", "", null, "ja")).ToList(), "file", CancellationToken.None);
        async Task SeenAsync(string account, string kind, int daysAgo)
        {
            var id = (await members.FindByAddressAsync(account, CancellationToken.None))!.Id;
            var at = clock.GetUtcNow().AddDays(-daysAgo);
            await using var connection = await test.Database.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync("INSERT INTO MemberEvidence (MemberId, Kind, Day, Count, FirstAt, LastAt) VALUES (@Id, @Kind, @Day, 1, @At, @At)",
                new { Id = id, Kind = kind, Day = new DateOnly(2026, 11, 28).AddDays(-daysAgo), At = at });
        }

        await SeenAsync("m1", "port25-noauth", 3);
        await SeenAsync("m2", "port25-auth", 7);
        await SeenAsync("m3", "submission-auth", 1);
        await SeenAsync("m4", "port25-auth", 6);
        await SeenAsync("m4", "submission-auth", 0);
        await SeenAsync("m5", "auth-failed", 0);
        var filter = new CampaignFilter(false, null, null, Port25WithinDays: 7);

        var id = await store.CreateAsync("Still on 25", filter, new MailTemplate("Hello {name}", "{link}\n"), new MailTemplate("Hello {name}", "{link}\n"), "admin@example.jp", CancellationToken.None);

        Assert.Equal(filter, (await store.FindAsync(id, CancellationToken.None))!.Filter);
        Assert.Equal(2, await store.CountMembersAsync(filter, CancellationToken.None));
        Assert.Equal(["m1", "m4"], (await store.MembersAsync(filter, 0, 10, CancellationToken.None)).Select(m => m.Account));
        Assert.Equal(["m1", "m2", "m4"], (await store.MembersAsync(filter with { Port25WithinDays = 8 }, 0, 10, CancellationToken.None)).Select(m => m.Account));
    }
}
