using Portal.Core.MemberMail;
using Portal.Core.Members;

namespace Portal.Core.Campaigns;

/// <summary>
/// Who a campaign goes to: members not yet moved (status below probe passed), of one program, of one language, and
/// (when <paramref name="Port25WithinDays"/> is set) whom the mail server's log shows still sending on port 25 in the
/// last that many days.
/// </summary>
public sealed record CampaignFilter(bool NotMovedOnly, string? Program, string? Language, int? Port25WithinDays = null);

/// <param name="SendBy">Who asked for the send under way; null when none is.</param>
/// <param name="SendBaseUrl">The portal's address for the links of its copies (the latest send's): kept after the send, as the outbox writes each copy when it sends it.</param>
/// <param name="QueuedUpTo">The last member Id the send under way has queued: where a node resumes.</param>
public sealed record Campaign(
    long Id, string Name, CampaignFilter Filter, MailTemplate Japanese, MailTemplate English, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? LastSentAt, int Queued, string? SendBy = null, string? SendBaseUrl = null, long QueuedUpTo = 0)
{
    public bool IsSending => SendBy is not null;

    public MailTemplate For(string language) => language == "en" ? English : Japanese;
}
