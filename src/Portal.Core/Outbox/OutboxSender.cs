using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Campaigns;
using Portal.Core.Data;

namespace Portal.Core.Outbox;

/// <summary>
/// Delivers the outbox through the relay. Every node may run it: a node claims a batch by writing a lease token of its
/// own onto up to Outbound:BatchSize queued rows in one UPDATE, then sends those rows over one reused connection at
/// Outbound:MessagesPerMinute (counted per node) and records each result as soon as the relay has answered.
/// A row is marked sent right after the relay's 250. If the node dies between that 250 and the update, the lease runs
/// out and another node sends the message again: the only way a member gets a message twice (same Message-ID).
/// Stopping finishes the message on the wire, records it, and frees the rest of the batch for any node at once.
/// A campaign's copy is written just before it is sent (<see cref="CampaignCopyWriter"/>).
/// </summary>
public sealed class OutboxSender(
    PortalDatabase database, MemberOutbox outbox, OutboundRelaySource relays, CampaignCopyWriter campaignCopies, IOptions<OutboundOptions> options, TimeProvider time,
    ILogger<OutboxSender> logger)
    : BackgroundService
{
    /// <summary>How often the table is looked at for mail queued on other nodes; queuing on this node wakes it at once.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>A message is started only while the lease has this long left: its deadline, and time to record what happened.</summary>
    private static readonly TimeSpan LeaseMargin = RelaySession.Deadline * 2;

    private static readonly TimeSpan LongestRetryWait = TimeSpan.FromHours(1);

    private enum BatchEnd
    {
        /// <summary>Nothing to send.</summary>
        Idle,

        /// <summary>The batch was full: there is probably more.</summary>
        Full,

        /// <summary>Fewer than a full batch: the queue is empty for now.</summary>
        Partial,

        /// <summary>The relay could not be reached: the node waits before trying again.</summary>
        RelayDown,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!relays.IsConfigured)
        {
            logger.LogWarning("Outbox: Outbound:Host is not set and demo mode is off, so this node sends nothing; mail to members stays queued until a relay is configured");
            return;
        }

        logger.LogInformation("Outbox: sending through {Relay}, at most {PerMinute} messages a minute from this node", relays.Resolve().ToString(), o.MessagesPerMinute);
        await using var session = new RelaySession(relays);
        var pace = new SendingPace(o.MessagesPerMinute, time);
        var relayFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking for work: mail queued while this node looks is not missed.
            var enqueued = outbox.Enqueued;
            try
            {
                var end = await SendBatchAsync(session, pace, stoppingToken);
                if (end == BatchEnd.RelayDown)
                {
                    // One batch waits for each try; the rest of the queue keeps its attempts for when the relay is back.
                    await Task.Delay(RetryWait(++relayFailures), time, stoppingToken);
                    continue;
                }

                if (end != BatchEnd.Idle) relayFailures = 0;
                if (end == BatchEnd.Full) continue;
                // No work: the relay's connection is not held open while nothing is sent.
                await session.CloseAsync();
                await WaitForWorkAsync(enqueued, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Not the end of the site: rows leased by a batch that could not record its results are free again when the lease runs out.
                if (e is DbException) logger.LogWarning(e, "Outbox: the database could not be used ({Reason}); trying again in {Seconds} s", e.Message, Poll.TotalSeconds);
                else logger.LogError(e, "Outbox: sending failed unexpectedly; trying again in {Seconds} s", Poll.TotalSeconds);
                await session.CloseAsync();
                try
                {
                    await Task.Delay(Poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<BatchEnd> SendBatchAsync(RelaySession session, SendingPace pace, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var lease = Guid.NewGuid();
        var now = time.GetUtcNow();
        var leaseUntil = now.AddSeconds(o.LeaseSeconds);
        var claimSize = ClaimSize(o);
        await using var connection = await database.OpenAsync(stoppingToken);
        // Not cancelled by the host stopping: a claim made but not read would hold its rows until the lease ran out.
        await connection.ExecuteAsync(new CommandDefinition(database.Query(MemberOutbox.Feature, "Claim"),
            new { LeaseOwner = lease, LeaseUntil = leaseUntil, Now = now, BatchSize = claimSize }, cancellationToken: CancellationToken.None));
        var batch = (await connection.QueryAsync<ClaimedMessage>(new CommandDefinition(database.Query(MemberOutbox.Feature, "SelectClaimed"),
            new { LeaseOwner = lease }, cancellationToken: CancellationToken.None))).ToList();
        if (batch.Count == 0) return BatchEnd.Idle;

        var tally = new Dictionary<DeliveryResult, int>();
        var done = 0;
        try
        {
            for (; done < batch.Count; done++)
            {
                if (stoppingToken.IsCancellationRequested || leaseUntil - time.GetUtcNow() < LeaseMargin) break;
                await pace.WaitAsync(stoppingToken);
                if (!session.IsConnected && await session.ConnectAsync(stoppingToken) is { } trouble)
                {
                    logger.LogWarning("Outbox: cannot reach the relay: {Reason}; {Count} message(s) wait for the next try", trouble, batch.Count - done);
                    foreach (var unsent in batch.Skip(done)) await RecordAsync(connection, unsent, unsent.Subject, lease, new Delivery(DeliveryResult.Dropped, trouble));
                    done = batch.Count;
                    return BatchEnd.RelayDown;
                }

                var message = batch[done];
                var written = message.WrittenAtSend ? await WriteCopyAsync(message, stoppingToken) : new Written(message.Subject, message.TextBody, message.HtmlBody);
                if (written is null)
                {
                    await RecordUnwritableAsync(connection, message, lease);
                    continue;
                }

                var delivery = await session.SendAsync(Compose(message, written, session.From));
                await RecordAsync(connection, message, written.Subject, lease, delivery);
                tally[delivery.Result] = tally.GetValueOrDefault(delivery.Result) + 1;
            }
        }
        finally
        {
            await ReleaseAsync(connection, lease, batch.Count - done);
        }

        logger.LogInformation("Outbox: batch of {Count}: {Sent} sent, {Deferred} to try again, {Refused} refused",
            batch.Count, tally.GetValueOrDefault(DeliveryResult.Sent),
            tally.GetValueOrDefault(DeliveryResult.Deferred) + tally.GetValueOrDefault(DeliveryResult.Dropped), tally.GetValueOrDefault(DeliveryResult.Refused));
        return batch.Count == claimSize ? BatchEnd.Full : BatchEnd.Partial;
    }

    private async Task<Written?> WriteCopyAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        if (message is not { CampaignId: { } campaign, MemberId: { } member }) return null;
        return await campaignCopies.WriteAsync(campaign, member, message.LinkId, message.ToAddress, message.Language, cancellationToken) is { } copy
            ? new Written(copy.Subject, copy.Text, copy.Html)
            : null;
    }

    /// <summary>A campaign copy whose campaign or member is gone: nothing to send, and nothing to try again.</summary>
    private async Task RecordUnwritableAsync(DbConnection connection, ClaimedMessage message, Guid lease)
    {
        const string reason = "not sent: its campaign or its member is no longer in the portal";
        await connection.ExecuteAsync(new CommandDefinition(database.Query(MemberOutbox.Feature, "MarkFailed"),
            new { message.Id, LeaseOwner = lease, LastError = reason, Subject = (string?)null }, cancellationToken: CancellationToken.None));
        logger.LogWarning("Outbox: message {Id} ({Kind}) to {To} {Reason}", message.Id, message.Kind, message.ToAddress, reason);
    }

    /// <summary>Recorded even while the host stops: the relay has answered, and the next owner must know.</summary>
    private async Task RecordAsync(DbConnection connection, ClaimedMessage message, string subject, Guid lease, Delivery delivery)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var reply = delivery.Reply is { Length: > 1000 } longReply ? longReply[..1000] : delivery.Reply;
        var (query, parameters) = delivery.Result switch
        {
            DeliveryResult.Sent => ("MarkSent", (object)new { message.Id, LeaseOwner = lease, SentAt = now, Subject = subject }),
            DeliveryResult.Refused => ("MarkFailed", new { message.Id, LeaseOwner = lease, LastError = reply, Subject = (string?)subject }),
            _ => ("MarkDeferred", new { message.Id, LeaseOwner = lease, o.MaxAttempts, NextAttemptAt = now + RetryWait(message.Attempts + 1, o), LastError = reply }),
        };
        var changed = await connection.ExecuteAsync(new CommandDefinition(database.Query(MemberOutbox.Feature, query), parameters, cancellationToken: CancellationToken.None));
        if (changed == 0)
            logger.LogWarning("Outbox: the lease on message {Id} ({MessageId}) ran out before its result ({Result}) was recorded; another node may send it again",
                message.Id, message.MessageId, delivery.Result);

        switch (delivery.Result)
        {
            case DeliveryResult.Sent:
                logger.LogDebug("Outbox: message {Id} ({Kind}) to {To} accepted by the relay, Message-ID {MessageId}", message.Id, message.Kind, message.ToAddress, message.MessageId);
                break;
            case DeliveryResult.Refused:
                logger.LogWarning("Outbox: message {Id} ({Kind}) to {To} refused by the relay: {Reply}", message.Id, message.Kind, message.ToAddress, reply);
                break;
            case DeliveryResult.Deferred:
                logger.LogWarning("Outbox: message {Id} ({Kind}) to {To} deferred by the relay (attempt {Attempt} of {MaxAttempts}): {Reply}",
                    message.Id, message.Kind, message.ToAddress, message.Attempts + 1, o.MaxAttempts, reply);
                break;
            default:
                // The relay's trouble, already logged once for the batch.
                logger.LogInformation("Outbox: message {Id} ({Kind}) to {To} not sent (attempt {Attempt} of {MaxAttempts}): {Reply}",
                    message.Id, message.Kind, message.ToAddress, message.Attempts + 1, o.MaxAttempts, reply);
                break;
        }
    }

    private async Task ReleaseAsync(DbConnection connection, Guid lease, int unsent)
    {
        if (unsent == 0) return;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(database.Query(MemberOutbox.Feature, "ReleaseLeases"), new { LeaseOwner = lease }, cancellationToken: CancellationToken.None));
            logger.LogInformation("Outbox: {Count} message(s) of this batch not sent here are free for any node", unsent);
        }
        catch (DbException e)
        {
            logger.LogWarning(e, "Outbox: could not free {Count} message(s) of this batch ({Reason}); they are free when the lease runs out", unsent, e.Message);
        }
    }

    private async Task WaitForWorkAsync(Task enqueued, CancellationToken stoppingToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(enqueued, Task.Delay(Poll, time, wake.Token));
        await wake.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>No more than this node sends at its pace while the lease lasts, so a slow pace never outlives its lease.</summary>
    internal static int ClaimSize(OutboundOptions o) =>
        (int)Math.Clamp((o.LeaseSeconds - LeaseMargin.TotalSeconds) * o.MessagesPerMinute / 60, 1, o.BatchSize);

    /// <summary>Outbound:RetryBaseSeconds after the first failure, doubling with each one, never more than an hour.</summary>
    internal static TimeSpan RetryWait(int failures, OutboundOptions o) =>
        TimeSpan.FromSeconds(Math.Min(o.RetryBaseSeconds * Math.Pow(2, failures - 1), LongestRetryWait.TotalSeconds));

    private TimeSpan RetryWait(int failures) => RetryWait(failures, options.Value);

    internal static MimeMessage Compose(ClaimedMessage row, Written written, MailboxAddress from)
    {
        var message = new MimeMessage { Subject = written.Subject, MessageId = row.MessageId, Date = row.CreatedAt };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(row.ToName, row.ToAddress));
        // RFC 3834: machine-made mail, so that out-of-office programs do not answer it.
        message.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        message.Body = new BodyBuilder { TextBody = written.Text, HtmlBody = written.Html }.ToMessageBody();
        return message;
    }

    /// <summary>What a message says, as queued or as written just now.</summary>
    internal sealed record Written(string Subject, string Text, string? Html);

    internal sealed class ClaimedMessage
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public long? MemberId { get; init; }
        public long? CampaignId { get; init; }
        public string ToAddress { get; init; } = "";
        public string? ToName { get; init; }
        public string Subject { get; init; } = "";
        public string TextBody { get; init; } = "";
        public string? HtmlBody { get; init; }
        public string Language { get; init; } = "";
        public string MessageId { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        /// <summary>A campaign copy queued unwritten: <see cref="CampaignCopyWriter"/> writes it as it is sent.</summary>
        public bool WrittenAtSend { get; init; }

        public Guid? LinkId { get; init; }
    }
}
