using Portal.Core.Data;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.SupportLinks;

namespace Portal.Core.Campaigns;

public sealed record CampaignSent(int Queued, int AlreadyQueued);

/// <summary>
/// Puts a campaign's copies for a page of members in the outbox, each with the member's own signed guide link, and notes
/// it on their timelines, all in one transaction of a few batched statements (a million members are two thousand
/// pages, not millions of round trips). Sending again queues only members who have none yet: the outbox key is
/// campaign:&lt;id&gt;:member:&lt;id&gt;.
/// </summary>
public sealed class CampaignQueue(PortalDatabase database, MemberMailValues values, SupportLinkLedger ledger, MemberOutbox outbox, MemberStore members)
{
    /// <summary>Each member's copy, written and signed (CPU only: a sender prepares the next page while this one is written).</summary>
    public IReadOnlyList<CampaignCopy> Prepare(Campaign campaign, IReadOnlyList<Member> page, Uri baseUrl) => page.Select(member =>
    {
        var content = values.For(member.Id, member.Email, member.Name, member.Account, member.Program, member.Language, baseUrl);
        var rendered = campaign.For(member.Language).Render(content.Values);
        var mail = new OutgoingMail($"campaign:{campaign.Id}:member:{member.Id}", OutgoingMailKind.Campaign, member.Email, member.Name,
            rendered.Subject, rendered.Text, rendered.Html, member.Language) { MemberId = member.Id, CampaignId = campaign.Id };
        return new CampaignCopy(member.Id, mail, content.Ticket);
    }).ToList();

    /// <summary>Queues the copies of members who have none yet, their links and their timeline events, in one transaction.</summary>
    public async Task<CampaignSent> WriteAsync(Campaign campaign, IReadOnlyList<CampaignCopy> copies, string staff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await outbox.EnqueueWithinAsync(transaction, copies.Select(c => c.Mail).ToList(), cancellationToken);
        var queued = copies.Where(c => added.Contains(c.Mail.DedupKey)).ToList();
        await ledger.RecordSentWithinAsync(transaction, queued.Where(c => c.Ticket is not null).Select(c => c.Ticket!).ToList(), staff, cancellationToken);
        await members.RecordAllWithinAsync(transaction, queued.Select(c => c.MemberId).ToList(), MemberEventKinds.Emailed,
            Localization.SaidDetail.Say("campaign", campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), campaign.Name), MemberStatus.Emailed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CampaignSent(queued.Count, copies.Count - queued.Count);
    }
}

/// <summary>One member's copy of a campaign, ready to queue, with the ticket of its signed link (none without a guide).</summary>
public sealed record CampaignCopy(long MemberId, OutgoingMail Mail, SupportLinkTicket? Ticket);
