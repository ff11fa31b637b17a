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
    /// <summary>Queues one copy for each member of the page who has none yet, each with their own signed guide link.</summary>
    public async Task<CampaignSent> QueueAsync(Campaign campaign, IReadOnlyList<Member> page, string staff, Uri baseUrl, CancellationToken cancellationToken)
    {
        var copies = page.Select(member =>
        {
            var content = values.For(member.Id, member.Email, member.Name, member.Account, member.Program, member.Language, baseUrl);
            var rendered = campaign.For(member.Language).Render(content.Values);
            var mail = new OutgoingMail($"campaign:{campaign.Id}:member:{member.Id}", OutgoingMailKind.Campaign, member.Email, member.Name,
                rendered.Subject, rendered.Text, rendered.Html, member.Language) { MemberId = member.Id, CampaignId = campaign.Id };
            return (Member: member, Mail: mail, content.Ticket);
        }).ToList();

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await outbox.EnqueueWithinAsync(transaction, copies.Select(c => c.Mail).ToList(), cancellationToken);
        var queued = copies.Where(c => added.Contains(c.Mail.DedupKey)).ToList();
        await ledger.RecordSentWithinAsync(transaction, queued.Where(c => c.Ticket is not null).Select(c => c.Ticket!).ToList(), staff, cancellationToken);
        await members.RecordAllWithinAsync(transaction, queued.Select(c => c.Member.Id).ToList(), MemberEventKinds.Emailed,
            Localization.SaidDetail.Say("campaign", campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), campaign.Name), MemberStatus.Emailed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CampaignSent(queued.Count, copies.Count - queued.Count);
    }
}
