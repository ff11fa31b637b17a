using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Campaigns;
using Portal.Core.Configuration;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.SupportLinks;
using Portal.Tests.Infrastructure;
using Portal.Tests.Outbox;

namespace Portal.Tests.Campaigns;

/// <summary>
/// A campaign's copy in each available database: queued as whom it goes to and its link's ticket, written by the
/// outbox as it leaves (the member's values of that day, the link signed then) through a real relay on 127.0.0.1.
/// </summary>
public sealed partial class CampaignCopyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    public void Dispose() => _folder.Dispose();

    private sealed record Queued(long Campaign, Member Taro, Member Jiro);

    /// <summary>Two members (one whose program has a guide, one without) and a campaign to both, queued on <paramref name="node"/>.</summary>
    private static async Task<Queued> QueueAsync(OutboxNode node)
    {
        var members = node.Services.GetRequiredService<MemberStore>();
        var campaigns = node.Services.GetRequiredService<CampaignStore>();
        var queue = node.Services.GetRequiredService<CampaignQueue>();
        await members.UpsertAsync([new("taro", "taro@example.jp", "山田 太郎", "outlook-express-6", "ja"), new("jiro", "jiro@example.jp", "次郎", null, "ja")], "file", CancellationToken.None);
        var filter = new CampaignFilter(true, null, null);
        var id = await campaigns.CreateAsync("Reminder", filter, new MailTemplate("{name} 様: 送信設定の変更", "{name} 様\n{link}\n"),
            new MailTemplate("For {name}", "{link}\n"), "admin@example.jp", CancellationToken.None);
        Assert.True(await campaigns.RequestSendAsync(id, "admin@example.jp", new Uri("https://portal.example.jp/"), CancellationToken.None));
        var campaign = (await campaigns.FindAsync(id, CancellationToken.None))!;
        var page = await campaigns.MembersAsync(filter, 0, 10, CancellationToken.None);
        Assert.Equal(new CampaignSent(2, 0), await queue.WriteAsync(campaign, queue.Prepare(page), "admin@example.jp", CancellationToken.None));
        Assert.Equal(new CampaignSent(0, 2), await queue.WriteAsync(campaign, queue.Prepare(page), "admin@example.jp", CancellationToken.None));
        return new Queued(id, page.Single(m => m.Account == "taro"), page.Single(m => m.Account == "jiro"));
    }

    /// <summary>A node whose relay on <paramref name="port"/> is not up yet: what is queued waits, unwritten.</summary>
    private async Task<OutboxNode> NodeWhileTheRelayIsDownAsync(TestDatabase test, int port, WatchedTime time)
    {
        var down = new TestRelay(_folder, port);
        await down.WriteTrustFileAsync();
        return await OutboxNode.StartAsync(test, OutboxNode.Through(down), time, services => services.AddSingleton<CampaignQueue>());
    }

    private static string Table(TestDatabase test, string name) => test.Database.Provider == DatabaseProvider.SqlServer ? $"dbo.{name}" : name;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_copy_is_queued_unwritten_and_written_as_it_is_sent_with_the_members_values_of_that_day(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (port, time) = (FreePort.Next(), new WatchedTime());
        await using var node = await NodeWhileTheRelayIsDownAsync(test, port, time);
        var queued = await QueueAsync(node);

        // Queued: whom it goes to and the link's ticket, nothing written; the member's page names the campaign.
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
        {
            var rows = (await connection.QueryAsync<(string To, string Subject, string Text, string? LinkId)>(
                $"SELECT ToAddress, Subject, TextBody, CAST(LinkId AS varchar(36)) FROM {Table(test, "OutboxMessages")} ORDER BY MemberId")).ToList();
            Assert.Equal(["taro@example.jp", "jiro@example.jp"], rows.Select(r => r.To));
            Assert.All(rows, r => Assert.Equal(("", ""), (r.Subject, r.Text)));
            var link = await node.Services.GetRequiredService<SupportLinkLedger>().FindAsync(Guid.Parse(rows[0].LinkId!), CancellationToken.None);
            Assert.Equal(("outlook-express-6", "ja", queued.Taro.Id), (link!.Program, link.Language, link.MemberId));
            Assert.Null(rows[1].LinkId); // no guide for an unknown program: no link to record
        }

        Assert.Equal("Reminder", Assert.Single(await node.Outbox.ForMemberAsync(queued.Taro.Id, 10, CancellationToken.None)).Subject);

        // The member's name changes before the relay is back: the copy says the new one.
        await node.Services.GetRequiredService<MemberStore>().UpsertAsync([new("taro", "taro@example.jp", "山田 太郎 (新)", "outlook-express-6", "ja")], "file", CancellationToken.None);
        await using var relay = await new TestRelay(_folder, port).StartAsync();
        await Eventually.TrueAsync(() => Task.FromResult(relay.Accepted.Count == 2), "both copies reach the relay", meanwhile: () => time.Advance(TimeSpan.FromSeconds(5)));

        var taro = relay.Accepted.Single(m => m.To.Mailboxes.Single().Address == "taro@example.jp");
        var jiro = relay.Accepted.Single(m => m.To.Mailboxes.Single().Address == "jiro@example.jp");
        Assert.Equal("山田 太郎 (新) 様: 送信設定の変更", taro.Subject);
        var token = LinkToken().Match(taro.TextBody ?? "").Groups[1].Value;
        var ticket = Assert.IsType<LinkCheck.Valid>(node.Services.GetRequiredService<SupportLinkSigner>().Read(token)).Ticket;
        Assert.Equal(("outlook-express-6", queued.Taro.Id, "taro@example.jp"), (ticket.Program, ticket.MemberId, ticket.Address));
        Assert.Contains("https://portal.example.jp/guides?culture=ja", jiro.TextBody, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await OutboxRows.AllAsync(test)).All(r => r.Status == "sent"), "both are marked sent");
        Assert.Equal("山田 太郎 (新) 様: 送信設定の変更", Assert.Single(await node.Outbox.ForMemberAsync(queued.Taro.Id, 10, CancellationToken.None)).Subject);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_copy_whose_campaign_is_gone_fails_with_the_reason_and_is_not_sent(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (port, time) = (FreePort.Next(), new WatchedTime());
        await using var node = await NodeWhileTheRelayIsDownAsync(test, port, time);
        var queued = await QueueAsync(node);
        await using (var connection = await test.Database.OpenAsync(CancellationToken.None))
            await connection.ExecuteAsync($"DELETE FROM {Table(test, "Campaigns")} WHERE Id = @Id", new { Id = queued.Campaign });

        await using var relay = await new TestRelay(_folder, port).StartAsync();
        await Eventually.TrueAsync(async () => (await OutboxRows.AllAsync(test)).All(r => r.Status == "failed"), "both copies fail", meanwhile: () => time.Advance(TimeSpan.FromSeconds(5)));

        Assert.Empty(relay.Accepted);
        Assert.All(await OutboxRows.AllAsync(test), r => Assert.Equal("not sent: its campaign or its member is no longer in the portal", r.LastError));
        Assert.Contains(node.Logs.Lines, l => l.Contains("no longer in the portal", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https://portal\.example\.jp/l/(\S+)")]
    private static partial Regex LinkToken();
}
