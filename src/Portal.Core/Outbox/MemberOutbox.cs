using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using MimeKit.Utils;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Core.Outbox;

/// <summary>
/// Every e-mail the portal sends to members goes in here first; <see cref="OutboxSender"/> on any node delivers it.
/// Queuing wakes this node's sender at once, so a support link goes out without waiting for the next poll.
/// </summary>
public sealed class MemberOutbox(PortalDatabase database, IOptions<IspOptions> isp, TimeProvider time)
{
    internal const string Feature = "Outbox";

    private TaskCompletionSource _enqueued = NewSignal();

    private static readonly BatchRows<(OutgoingMail Mail, string MessageId)> Rows = new("dbo.OutboxRows",
        new("DedupKey", typeof(string), r => r.Mail.DedupKey), new("MemberId", typeof(long?), r => r.Mail.MemberId),
        new("CampaignId", typeof(long?), r => r.Mail.CampaignId), new("Kind", typeof(string), r => KindColumn(r.Mail.Kind)),
        new("ToAddress", typeof(string), r => r.Mail.ToAddress), new("ToName", typeof(string), r => r.Mail.ToName),
        new("Subject", typeof(string), r => r.Mail.Subject), new("TextBody", typeof(string), r => r.Mail.TextBody),
        new("HtmlBody", typeof(string), r => r.Mail.HtmlBody), new("Language", typeof(string), r => r.Mail.Language),
        new("MessageId", typeof(string), r => r.MessageId));

    /// <summary>
    /// Queues a message; false when one with the same DedupKey is already queued, sent or failed (nothing changes then).
    /// Throws <see cref="ArgumentException"/> naming the field when the message cannot be sent as given.
    /// </summary>
    public async Task<bool> EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await EnqueueWithinAsync(transaction, [mail], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added.Count == 1;
    }

    /// <summary>
    /// Queues a batch in the caller's transaction, in one statement; the DedupKeys of the messages added (those already
    /// queued, sent or failed are left as they are). Every message is checked first: one that cannot be sent throws.
    /// </summary>
    public async Task<IReadOnlySet<string>> EnqueueWithinAsync(DbTransaction within, IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken)
    {
        foreach (var mail in mails) mail.Check();
        if (mails.Count == 0) return new HashSet<string>();
        // Made once, here: every retry carries the same Message-ID, so a receiving system can tell a repeat.
        var rows = mails.Select(m => (m, MimeUtils.GenerateMessageId(isp.Value.MailDomain))).ToList();
        var added = (await within.Connection!.QueryAsync<string>(new CommandDefinition(database.Query(Feature, "Enqueue"),
            new { Rows = Rows.Parameter(database.Provider, rows), Now = time.GetUtcNow() }, within, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        if (added.Count > 0) Interlocked.Exchange(ref _enqueued, NewSignal()).TrySetResult();
        return added;
    }

    private static readonly BatchRows<(long MemberId, Guid? LinkId, string MessageId)> CopyRows = new("dbo.CampaignCopyRows",
        new("MemberId", typeof(long), r => r.MemberId), new("LinkId", typeof(Guid?), r => r.LinkId), new("MessageId", typeof(string), r => r.MessageId));

    /// <summary>
    /// Queues a page of a campaign's copies in the caller's transaction, in one statement: each addressed from the
    /// member's row and written as it is sent (<see cref="OutboxSender"/>), with the support link
    /// <paramref name="copies"/> names (recorded by the caller). The members queued (those who had this campaign's
    /// copy already are left as they are).
    /// </summary>
    public async Task<IReadOnlySet<long>> EnqueueCampaignCopiesWithinAsync(DbTransaction within, long campaignId, IReadOnlyList<(long MemberId, Guid? LinkId)> copies, CancellationToken cancellationToken)
    {
        if (copies.Count == 0) return new HashSet<long>();
        var rows = copies.Select(c => (c.MemberId, c.LinkId, MimeUtils.GenerateMessageId(isp.Value.MailDomain))).ToList();
        var added = (await within.Connection!.QueryAsync<long>(new CommandDefinition(database.Query(Feature, "EnqueueCampaignCopies"),
            new { CampaignId = campaignId, Rows = CopyRows.Parameter(database.Provider, rows), Now = time.GetUtcNow() }, within, cancellationToken: cancellationToken))).ToHashSet();
        if (added.Count > 0) Interlocked.Exchange(ref _enqueued, NewSignal()).TrySetResult();
        return added;
    }

    public async Task<OutboxCounts> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<CountRow>(new CommandDefinition(
            database.Query(Feature, "Counts"), cancellationToken: cancellationToken))).ToDictionary(r => r.Status, r => r.Count);
        return new OutboxCounts(rows.GetValueOrDefault("queued"), rows.GetValueOrDefault("sent"), rows.GetValueOrDefault("failed"));
    }

    /// <summary>The member's messages, newest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ForMemberAsync(long memberId, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            database.Query(Feature, "ForMember"), new { MemberId = memberId, Max = max }, cancellationToken: cancellationToken));
        return rows.Select(r => new OutboxEntry(r.Id, KindOf(r.Kind), r.CampaignId, r.ToAddress, r.Subject, r.Language,
            Enum.Parse<OutboxStatus>(r.Status, ignoreCase: true), r.Attempts, r.CreatedAt, r.SentAt, r.LastError, r.ErasedAt)).ToList();
    }

    /// <summary>Completes when this node next queues a message. Take it before looking for work, so none is missed.</summary>
    internal Task Enqueued => Volatile.Read(ref _enqueued).Task;

    internal static string KindColumn(OutgoingMailKind kind) => kind switch
    {
        OutgoingMailKind.SupportLink => "support-link",
        OutgoingMailKind.Campaign => "campaign",
        OutgoingMailKind.Test => "test",
        OutgoingMailKind.StaffNotice => "staff-notice",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    internal static OutgoingMailKind KindOf(string column) => column switch
    {
        "support-link" => OutgoingMailKind.SupportLink,
        "campaign" => OutgoingMailKind.Campaign,
        "test" => OutgoingMailKind.Test,
        "staff-notice" => OutgoingMailKind.StaffNotice,
        _ => throw new InvalidDataException($"OutboxMessages.Kind holds an unknown kind '{column}'."),
    };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class CountRow
    {
        public string Status { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed class EntryRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public long? CampaignId { get; init; }
        public string ToAddress { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Language { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
    }
}
