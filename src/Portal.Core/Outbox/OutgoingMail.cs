using MimeKit;

namespace Portal.Core.Outbox;

/// <summary>What a message to a member is for; shown on the member's timeline.</summary>
public enum OutgoingMailKind
{
    /// <summary>A link support staff sent a member (e.g. to the guide for their mail program).</summary>
    SupportLink,

    /// <summary>One member's copy of a campaign.</summary>
    Campaign,

    /// <summary>A test message staff sent to check the outbound relay.</summary>
    Test,

    /// <summary>A notice to a staff member about their own account (e.g. locked after failed sign-ins).</summary>
    StaffNotice,
}

public enum OutboxStatus
{
    Queued,
    Sent,
    Failed,
}

/// <summary>
/// One e-mail for the outbox, written in the member's language by the caller. <paramref name="DedupKey"/> names the
/// message so that queuing it twice sends it once: "campaign:12:member:345", "support-link:&lt;guid&gt;".
/// </summary>
public sealed record OutgoingMail(
    string DedupKey,
    OutgoingMailKind Kind,
    string ToAddress,
    string? ToName,
    string Subject,
    string TextBody,
    string? HtmlBody,
    string Language)
{
    public long? MemberId { get; init; }

    public long? CampaignId { get; init; }

    // MimeKit takes "taro" as an address by default; a member's address has a domain.
    private static readonly ParserOptions AddressParsing = CreateAddressParsing();

    private static ParserOptions CreateAddressParsing()
    {
        var options = ParserOptions.Default.Clone();
        options.AllowAddressesWithoutDomain = false;
        return options;
    }

    /// <summary>A caller's mistake, named; the columns' sizes are those of the SQL Server table.</summary>
    internal void Check()
    {
        static void Require(bool ok, string field, string reason)
        {
            if (!ok) throw new ArgumentException($"{field} {reason}", nameof(OutgoingMail));
        }

        Require(!string.IsNullOrWhiteSpace(DedupKey) && DedupKey.Length <= 200 && DedupKey.All(char.IsAscii), nameof(DedupKey), "must be 1 to 200 ASCII characters");
        Require(Enum.IsDefined(Kind), nameof(Kind), $"is not a kind of mail ({Kind})");
        Require(ToAddress.Length <= 320 && MailboxAddress.TryParse(AddressParsing, ToAddress, out var to) && to.Address == ToAddress, nameof(ToAddress), $"'{ToAddress}' is not a mail address");
        Require(ToName is null || ToName.Length <= 200, nameof(ToName), "must be at most 200 characters");
        Require(!string.IsNullOrWhiteSpace(Subject) && Subject.Length <= 500, nameof(Subject), "must be 1 to 500 characters");
        Require(!string.IsNullOrWhiteSpace(TextBody), nameof(TextBody), "is required (HtmlBody is optional, the text is not)");
        Require(!string.IsNullOrWhiteSpace(Language) && Language.Length <= 16, nameof(Language), "must be a language tag such as ja or en");
    }
}

/// <summary>Queued, sent and failed messages, for the staff console and `portal outbox status`.</summary>
public sealed record OutboxCounts(long Queued, long Sent, long Failed);

/// <summary>One message on a member's timeline: what it was, and what became of it (never its body). Erased: only when and what kind remain.</summary>
public sealed record OutboxEntry(
    long Id,
    OutgoingMailKind Kind,
    long? CampaignId,
    string ToAddress,
    string Subject,
    string Language,
    OutboxStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? LastError,
    DateTimeOffset? ErasedAt);
