using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Configuration;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;
using SmtpServer.Protocol;

namespace Portal.Tests.Outbox;

/// <summary>
/// The sender against a real relay on 127.0.0.1 (STARTTLS with its own certificate, AUTH) and a real database.
/// Where time matters (retries, pace), the clock is fake and the test moves it: nothing here watches a real clock.
/// </summary>
public sealed class OutboxSenderTests : IDisposable
{
    // High enough that the pace never waits where a test does not look at it.
    private static readonly (string, string) Unpaced = ("Outbound:MessagesPerMinute", "1000000");

    private readonly TempFolder _folder = new();

    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    public void Dispose() => _folder.Dispose();

    private static OutgoingMail Mail(int n, string to = "taro@example.jp", string? html = null) =>
        new($"campaign:12:member:{n}", OutgoingMailKind.Campaign, to, "山田 太郎", $"メール設定の変更のお願い ({n}) / Please change your mail settings",
            "ポート587と送信認証への変更をお願いします。\nPlease move to port 587 with SMTP authentication.\n", html, "ja") { MemberId = n, CampaignId = 12 };

    private static async Task EnqueueAsync(OutboxNode node, int count)
    {
        for (var n = 1; n <= count; n++) Assert.True(await node.Outbox.EnqueueAsync(Mail(n), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_queued_message_reaches_the_relay_as_queued_and_is_marked_sent(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var relay = await new TestRelay(_folder, FreePort.Next()).StartAsync();
        var time = new WatchedTime();
        // The clock never moves here: only queuing on this node can have woken the sender, not its poll.
        await using var node = await OutboxNode.StartAsync(test, OutboxNode.Through(relay), time);

        var html = "<p>ポート587と送信認証への変更をお願いします。</p><p><a href=\"https://portal.example.jp/guides\">Guides</a></p>";
        Assert.True(await node.Outbox.EnqueueAsync(Mail(345, html: html), CancellationToken.None));
        await Eventually.TrueAsync(async () => (await OutboxRows.SingleAsync(test)).Status == "sent", "the message is marked sent");

        var row = await OutboxRows.SingleAsync(test);
        var received = Assert.Single(relay.Accepted);
        Assert.Equal(row.MessageId, received.MessageId);
        Assert.EndsWith("@example.jp", received.MessageId, StringComparison.Ordinal);
        Assert.Equal("\"サンプルネット サポート\" <info@example.jp>", received.From.ToString());
        Assert.Equal("\"山田 太郎\" <taro@example.jp>", received.To.ToString());
        Assert.Equal("メール設定の変更のお願い (345) / Please change your mail settings", received.Subject);
        Assert.Equal("auto-generated", received.Headers[HeaderId.AutoSubmitted]);
        var alternative = Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("Please move to port 587", received.TextBody, StringComparison.Ordinal);
        Assert.Equal(html, received.HtmlBody?.TrimEnd());
        Assert.Equal([TestRelay.User], relay.Users);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(time.GetUtcNow(), row.SentAt);
        Assert.Null(row.LeaseOwner);
        var entry = Assert.Single(await node.Outbox.ForMemberAsync(345, 10, CancellationToken.None));
        Assert.Equal(OutboxStatus.Sent, entry.Status);
        Assert.Equal(new OutboxCounts(0, 1, 0), await node.Outbox.CountsAsync(CancellationToken.None));
        Assert.DoesNotContain(node.Logs.Lines, l => l.Contains(TestRelay.Password, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task While_the_relay_is_down_the_message_waits_and_once_it_is_up_goes_exactly_once(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var port = FreePort.Next();
        var down = new TestRelay(_folder, port);
        await down.WriteTrustFileAsync();
        var time = new WatchedTime();
        await using var node = await OutboxNode.StartAsync(test, OutboxNode.Through(down), time);

        await node.Outbox.EnqueueAsync(Mail(1), CancellationToken.None);
        await Eventually.TrueAsync(async () => (await OutboxRows.SingleAsync(test)).LastError is not null, "the failed attempt is recorded");

        var waiting = await OutboxRows.SingleAsync(test);
        Assert.Equal("queued", waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains($"127.0.0.1:{port}", waiting.LastError, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow().AddSeconds(30), waiting.NextAttemptAt);
        Assert.Null(waiting.LeaseOwner);

        await using var relay = await new TestRelay(_folder, port).StartAsync();
        await Eventually.TrueAsync(() => relay.Accepted.Count > 0, "the relay gets the message", meanwhile: () => time.Advance(TimeSpan.FromSeconds(5)));
        await Eventually.TrueAsync(async () => (await OutboxRows.SingleAsync(test)).Status == "sent", "the message is marked sent");

        var sent = await OutboxRows.SingleAsync(test);
        Assert.Equal(2, sent.Attempts);
        Assert.True(sent.SentAt >= waiting.NextAttemptAt);
        Assert.Equal(1, Assert.Single(relay.Offered).Value);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_permanent_refusal_fails_the_message_with_the_relays_reply(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var relay = await new TestRelay(_folder, FreePort.Next())
        {
            Answer = (_, _) => new SmtpResponse((SmtpReplyCode)554, "5.7.1 Message content rejected"),
        }.StartAsync();
        await using var node = await OutboxNode.StartAsync(test, OutboxNode.Through(relay, Unpaced));

        await node.Outbox.EnqueueAsync(Mail(7), CancellationToken.None);
        await Eventually.TrueAsync(async () => (await OutboxRows.SingleAsync(test)).Status != "queued", "the message is settled");

        var row = await OutboxRows.SingleAsync(test);
        Assert.Equal("failed", row.Status);
        Assert.Equal("554 5.7.1 Message content rejected", row.LastError);
        Assert.Equal(1, row.Attempts);
        Assert.Empty(relay.Accepted);
        var entry = Assert.Single(await node.Outbox.ForMemberAsync(7, 10, CancellationToken.None));
        Assert.Equal(OutboxStatus.Failed, entry.Status);
        Assert.Equal("554 5.7.1 Message content rejected", entry.LastError);
    }

    [Fact]
    public async Task A_refused_recipient_fails_only_that_message_and_the_batch_goes_on_over_the_same_connection()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var relay = await new TestRelay(_folder, FreePort.Next()) { UnknownRecipients = new HashSet<string> { "nobody@example.jp" } }.StartAsync();
        // Queued before the node starts, so its first claim takes all three as one batch.
        var outbox = OutboxTests.OutboxOn(test);
        await outbox.EnqueueAsync(Mail(1), CancellationToken.None);
        await outbox.EnqueueAsync(Mail(2, to: "nobody@example.jp"), CancellationToken.None);
        await outbox.EnqueueAsync(Mail(3), CancellationToken.None);

        await using var node = await OutboxNode.StartAsync(test, OutboxNode.Through(relay, Unpaced));
        await Eventually.TrueAsync(async () => (await OutboxRows.AllAsync(test)).All(r => r.Status != "queued"), "every message is settled");

        var rows = await OutboxRows.AllAsync(test);
        Assert.Equal(["sent", "failed", "sent"], rows.Select(r => r.Status));
        // SmtpServer adds how many more RCPT TO it will take; the reply is stored as the relay gave it.
        Assert.StartsWith("550 5.1.1 <nobody@example.jp>: Recipient address rejected: User unknown", rows[1].LastError, StringComparison.Ordinal);
        Assert.Equal([rows[0].MessageId, rows[2].MessageId], relay.Accepted.Select(m => m.MessageId));
        Assert.Equal(1, relay.Sessions);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_deferral_is_tried_again_after_the_backoff_and_delivered_once(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var relay = await new TestRelay(_folder, FreePort.Next())
        {
            // Greylisting: the first try of each message is told to come back later.
            Answer = (_, before) => before == 0 ? new SmtpResponse((SmtpReplyCode)451, "4.7.1 Greylisted, please try again later") : SmtpResponse.Ok,
        }.StartAsync();
        var time = new WatchedTime();
        await using var node = await OutboxNode.StartAsync(test, OutboxNode.Through(relay), time);

        await node.Outbox.EnqueueAsync(Mail(1), CancellationToken.None);
        await Eventually.TrueAsync(async () => (await OutboxRows.SingleAsync(test)).Attempts == 1, "the deferral is recorded");

        var deferred = await OutboxRows.SingleAsync(test);
        Assert.Equal("queued", deferred.Status);
        Assert.Equal("451 4.7.1 Greylisted, please try again later", deferred.LastError);
        Assert.Equal(time.GetUtcNow().AddSeconds(30), deferred.NextAttemptAt);
        Assert.Empty(relay.Accepted);

        await Eventually.TrueAsync(async () => (await OutboxRows.SingleAsync(test)).Status == "sent", "the message is sent", meanwhile: () => time.Advance(TimeSpan.FromSeconds(5)));

        var sent = await OutboxRows.SingleAsync(test);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(relay.Accepted);
        Assert.Equal(2, relay.Offered[sent.MessageId]);
    }

    [Fact]
    public async Task A_message_deferred_max_attempts_times_fails()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var relay = await new TestRelay(_folder, FreePort.Next())
        {
            Answer = (_, _) => new SmtpResponse((SmtpReplyCode)452, "4.3.1 Insufficient system storage"),
        }.StartAsync();
        var time = new WatchedTime();
        await using var node = await OutboxNode.StartAsync(test, OutboxNode.Through(relay, ("Outbound:MaxAttempts", "3")), time);

        await node.Outbox.EnqueueAsync(Mail(1), CancellationToken.None);
        await Eventually.TrueAsync(async () => (await OutboxRows.SingleAsync(test)).Status == "failed", "the message fails", meanwhile: () => time.Advance(TimeSpan.FromSeconds(10)));

        var row = await OutboxRows.SingleAsync(test);
        Assert.Equal(3, row.Attempts);
        Assert.Equal("452 4.3.1 Insufficient system storage", row.LastError);
        Assert.Equal(3, relay.Offered[row.MessageId]);
    }

    [Fact]
    public async Task A_node_stopped_mid_batch_finishes_the_message_in_flight_and_another_node_sends_the_rest_once()
    {
        const int count = 60;
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var relay = await new TestRelay(_folder, FreePort.Next()) { StoreDelay = TimeSpan.FromMilliseconds(50) }.StartAsync();
        var settings = OutboxNode.Through(relay, Unpaced, ("Outbound:BatchSize", "100"));
        var first = await OutboxNode.StartAsync(test, settings);
        await EnqueueAsync(first, count);

        await Eventually.TrueAsync(() => relay.Accepted.Count >= 5, "the first node is sending");
        await first.StopAsync();

        var afterStop = await OutboxRows.AllAsync(test);
        Assert.InRange(relay.Accepted.Count, 5, count - 1);
        // Whatever the relay took before the stop is recorded as sent, the message on the wire included...
        Assert.Equal(relay.Accepted.Select(m => m.MessageId).Order(), afterStop.Where(r => r.Status == "sent").Select(r => r.MessageId).Order());
        // ...and the rest of the batch is free for any node at once, not held until its lease runs out.
        Assert.All(afterStop, r => Assert.Null(r.LeaseOwner));
        Assert.All(afterStop.Where(r => r.Status == "queued"), r => Assert.Equal(0, r.Attempts));
        await first.DisposeAsync();

        await using var second = await OutboxNode.StartAsync(test, settings);
        await Eventually.TrueAsync(async () => (await second.Outbox.CountsAsync(CancellationToken.None)).Sent == count, "every message is sent");

        Assert.Equal(count, relay.Accepted.Count);
        Assert.Equal(count, relay.Accepted.Select(m => m.MessageId).Distinct().Count());
        Assert.All(relay.Offered.Values, offered => Assert.Equal(1, offered));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Two_nodes_on_one_database_send_every_message_exactly_once(DatabaseProvider provider)
    {
        const int count = 200;
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var relay = await new TestRelay(_folder, FreePort.Next()) { StoreDelay = TimeSpan.FromMilliseconds(2) }.StartAsync();
        var settings = OutboxNode.Through(relay, Unpaced, ("Outbound:BatchSize", "10"));
        var outbox = OutboxTests.OutboxOn(test);
        for (var n = 1; n <= count; n++) await outbox.EnqueueAsync(Mail(n), CancellationToken.None);

        await using var one = await OutboxNode.StartAsync(test, settings);
        await using var two = await OutboxNode.StartAsync(test, settings);
        await Eventually.TrueAsync(async () => (await outbox.CountsAsync(CancellationToken.None)).Sent == count, "every message is sent");

        Assert.Equal(count, relay.Accepted.Count);
        Assert.Equal(count, relay.Accepted.Select(m => m.MessageId).Distinct().Count());
        Assert.All(relay.Offered.Values, offered => Assert.Equal(1, offered));
        Assert.Equal(new OutboxCounts(0, count, 0), await outbox.CountsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_pace_holds_each_next_message_until_its_time_has_come()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var relay = await new TestRelay(_folder, FreePort.Next()).StartAsync();
        var interval = TimeSpan.FromSeconds(1);
        var time = new WatchedTime();
        var outbox = OutboxTests.OutboxOn(test, time);
        for (var n = 1; n <= 4; n++) await outbox.EnqueueAsync(Mail(n), CancellationToken.None);

        await using var node = await OutboxNode.StartAsync(test, OutboxNode.Through(relay, ("Outbound:MessagesPerMinute", "60")), time);
        for (var sent = 1; sent <= 3; sent++)
        {
            // The sender is now waiting on the clock for the next message: what it sent so far is all it may send.
            TimeSpan wait;
            try
            {
                wait = await time.NextWaitAsync(w => w > TimeSpan.Zero && w <= interval);
            }
            catch (OperationCanceledException)
            {
                // A sender waiting on anything else (a retry, a poll after an error) never moves on by itself on this clock: say why.
                Assert.Fail($"the sender did not wait for its pace after {sent - 1} message(s); its log:\n{string.Join('\n', node.Logs.Lines)}");
                throw;
            }

            Assert.Equal(interval, wait);
            Assert.Equal(sent, relay.Accepted.Count);
            Assert.Equal(sent, (await outbox.CountsAsync(CancellationToken.None)).Sent);
            time.Advance(interval);
        }

        await Eventually.TrueAsync(async () => (await outbox.CountsAsync(CancellationToken.None)).Sent == 4, "the last message is sent");
        var sentAt = (await OutboxRows.AllAsync(test)).Select(r => r.SentAt!.Value).ToList();
        Assert.Equal([interval, interval, interval], sentAt.Zip(sentAt.Skip(1), (a, b) => b - a));
    }

    [Fact]
    public async Task Without_a_relay_and_outside_demo_mode_the_sender_says_why_once_and_sends_nothing()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var node = await OutboxNode.StartAsync(test, new Dictionary<string, string?> { ["Isp:Submission:Host"] = "smtp.example.jp" });

        await node.Sender.ExecuteTask!;
        await node.Outbox.EnqueueAsync(Mail(1), CancellationToken.None);

        Assert.Single(node.Logs.Lines, l => l.Contains("Outbound:Host is not set and demo mode is off", StringComparison.Ordinal));
        Assert.Equal("queued", (await OutboxRows.SingleAsync(test)).Status);
    }

    [Fact]
    public async Task In_demo_mode_without_a_relay_the_demo_server_takes_the_mail_from_the_demo_account()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var sink = new RecordingSink();
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Demo:ImplicitTlsPort"] = "0",
            ["Demo:CertificateFile"] = _folder.File("demo.pfx"),
        };
        await using var node = await OutboxNode.StartAsync(test, settings, services: s =>
        {
            s.AddSingleton<Portal.Core.DemoSubmission.IDemoMessageSink>(sink);
            s.AddHostedService<Portal.Core.DemoSubmission.DemoSubmissionServer>();
        });

        await node.Outbox.EnqueueAsync(Mail(1), CancellationToken.None);
        await Eventually.TrueAsync(async () => (await OutboxRows.SingleAsync(test)).Status == "sent", "the message is marked sent");

        var received = Assert.Single(sink.Messages);
        Assert.Equal("demo@example.jp", received.EnvelopeFrom);
        Assert.Equal("demo@example.jp", received.AuthenticatedUser);
        Assert.True(received.IsTls);
        Assert.Equal(["taro@example.jp"], received.Recipients);
        var message = await MimeMessage.LoadAsync(new MemoryStream(received.RawMessage.ToArray()));
        Assert.Equal("\"サンプルネット\" <demo@example.jp>", message.From.ToString());
    }

    private sealed class RecordingSink : Portal.Core.DemoSubmission.IDemoMessageSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Portal.Core.DemoSubmission.DemoMessage> _messages = new();

        public IReadOnlyCollection<Portal.Core.DemoSubmission.DemoMessage> Messages => _messages;

        public Task AcceptAsync(Portal.Core.DemoSubmission.DemoMessage message, CancellationToken cancellationToken)
        {
            _messages.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
