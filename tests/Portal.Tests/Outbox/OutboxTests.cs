using Portal.Core.Configuration;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;


namespace Portal.Tests.Outbox;

/// <summary>Queuing, counting and the member timeline, on a real database.</summary>
public sealed class OutboxTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    /// <summary>An Outbox of no node in particular: what it queues wakes no sender, which finds it on its own.</summary>
    internal static MemberOutbox OutboxOn(TestDatabase test, TimeProvider? time = null) =>
        new(test.Database, Microsoft.Extensions.Options.Options.Create(new IspOptions()), time ?? TimeProvider.System);

    internal static OutgoingMail Mail(string key, string to = "taro@example.jp", long? member = 345, OutgoingMailKind kind = OutgoingMailKind.SupportLink, string subject = "メールの設定について / About your mail settings") =>
        new(key, kind, to, "山田 太郎", subject, "設定の手順はこちらです。\nhttps://portal.example.jp/guides/thunderbird\n", null, "ja") { MemberId = member };

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Queuing_the_same_dedup_key_twice_keeps_one_message(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var outbox = OutboxOn(test);

        var first = await outbox.EnqueueAsync(Mail("campaign:12:member:345", kind: OutgoingMailKind.Campaign), CancellationToken.None);
        var again = await outbox.EnqueueAsync(Mail("campaign:12:member:345", subject: "A different subject", kind: OutgoingMailKind.Campaign), CancellationToken.None);

        Assert.True(first);
        Assert.False(again);
        var row = await OutboxRows.SingleAsync(test);
        Assert.Equal("queued", row.Status);
        Assert.Equal(0, row.Attempts);
        var entry = Assert.Single(await outbox.ForMemberAsync(345, 10, CancellationToken.None));
        Assert.Equal("メールの設定について / About your mail settings", entry.Subject);
        Assert.Equal(new OutboxCounts(1, 0, 0), await outbox.CountsAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Nodes_queuing_the_same_key_at_once_queue_it_once(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        // One Outbox per "node": nothing is shared but the database.
        var nodes = Enumerable.Range(0, 8).Select(_ => OutboxOn(test)).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = nodes.Select(async outbox =>
        {
            await start.Task;
            return await outbox.EnqueueAsync(Mail("support-link:6f1c9a52-3d0e-4d43-9a3c-8f0b1f2a7c11"), CancellationToken.None);
        }).ToList();
        start.SetResult();
        var added = await Task.WhenAll(attempts);

        Assert.Equal(1, added.Count(a => a));
        Assert.Single(await OutboxRows.AllAsync(test));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_member_timeline_lists_their_messages_newest_first(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var outbox = OutboxOn(test);
        await outbox.EnqueueAsync(Mail("support-link:1", subject: "first"), CancellationToken.None);
        await outbox.EnqueueAsync(Mail("campaign:12:member:345", kind: OutgoingMailKind.Campaign, subject: "second") with { CampaignId = 12 }, CancellationToken.None);
        await outbox.EnqueueAsync(Mail("support-link:2", member: 999, subject: "someone else's"), CancellationToken.None);
        await outbox.EnqueueAsync(Mail("test:1", member: null, kind: OutgoingMailKind.Test, subject: "relay test"), CancellationToken.None);

        var timeline = await outbox.ForMemberAsync(345, 10, CancellationToken.None);
        var newest = Assert.Single(await outbox.ForMemberAsync(345, 1, CancellationToken.None));

        Assert.Equal(["second", "first"], timeline.Select(e => e.Subject));
        Assert.Equal([OutgoingMailKind.Campaign, OutgoingMailKind.SupportLink], timeline.Select(e => e.Kind));
        Assert.Equal([12L, null], timeline.Select(e => e.CampaignId));
        Assert.All(timeline, e => Assert.Equal(OutboxStatus.Queued, e.Status));
        Assert.All(timeline, e => Assert.Null(e.SentAt));
        Assert.Equal("second", newest.Subject);
        Assert.Equal(new OutboxCounts(4, 0, 0), await outbox.CountsAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("taro-at-example.jp", "ToAddress")]
    [InlineData("", "DedupKey")]
    public async Task A_message_that_cannot_be_sent_is_refused_naming_the_field(string address, string field)
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var mail = field == "DedupKey" ? Mail("") : Mail("support-link:3", to: address);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => OutboxOn(test).EnqueueAsync(mail, CancellationToken.None));

        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
        Assert.Empty(await OutboxRows.AllAsync(test));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Sent_and_failed_mail_is_erased_EraseAfterDays_after_it_was_queued_and_its_dedup_key_still_holds(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var outbox = OutboxOn(test, clock);
        foreach (var key in new[] { "old-sent", "old-failed", "old-queued" }) await outbox.EnqueueAsync(Mail(key), CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(30));
        await outbox.EnqueueAsync(Mail("newer-sent"), CancellationToken.None);
        var table = provider == DatabaseProvider.SqlServer ? "dbo.OutboxMessages" : "OutboxMessages";
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, $"UPDATE {table} SET Status = 'sent' WHERE DedupKey IN ('old-sent', 'newer-sent')");
            await Dapper.SqlMapper.ExecuteAsync(connection, $"UPDATE {table} SET Status = 'failed', LastError = '550 5.1.1 <taro@example.jp>: unknown' WHERE DedupKey = 'old-failed'");
        }

        clock.Advance(TimeSpan.FromDays(360));
        Assert.Equal(0, await Sweep(test, clock, eraseAfterDays: 0).SweepAsync(CancellationToken.None));
        Assert.Equal(0, await Sweep(test, clock, eraseAfterDays: 400).SweepAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(2, await Sweep(test, clock, eraseAfterDays: 400).SweepAsync(CancellationToken.None));
        Assert.Equal(0, await Sweep(test, clock, eraseAfterDays: 400).SweepAsync(CancellationToken.None));

        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            var rows = (await Dapper.SqlMapper.QueryAsync<(string DedupKey, string ToAddress, string Subject, string TextBody, string? LastError)>(connection,
                $"SELECT DedupKey, ToAddress, Subject, TextBody, LastError FROM {table} ORDER BY Id")).ToList();
            Assert.Equal(["old-sent", "old-failed", "old-queued", "newer-sent"], rows.Select(r => r.DedupKey));
            Assert.All(rows.Take(2), r => Assert.Equal(("", "", "", null), (r.ToAddress, r.Subject, r.TextBody, r.LastError)));
            Assert.All(rows.Skip(2), r => Assert.Equal("taro@example.jp", r.ToAddress));
        }

        // The key still holds: queuing the same campaign member again sends nothing.
        Assert.False(await outbox.EnqueueAsync(Mail("old-sent"), CancellationToken.None));
        // Newest first, as the member's page shows them.
        var history = await outbox.ForMemberAsync(345, 10, CancellationToken.None);
        Assert.Equal([true, true, false, false], history.Select(e => e.ErasedAt is null));
    }

    private static OutboxSweep Sweep(TestDatabase test, TimeProvider time, int eraseAfterDays) =>
        new(test.Database, Microsoft.Extensions.Options.Options.Create(new OutboundOptions { EraseAfterDays = eraseAfterDays }), time);
}
