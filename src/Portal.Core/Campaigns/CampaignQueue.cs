using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.SupportLinks;

namespace Portal.Core.Campaigns;

public sealed record CampaignSent(int Queued, int AlreadyQueued);

/// <summary>
/// Puts a campaign's copies for a page of members in the outbox, each with the member's own signed guide link, and notes
/// it on their timelines. Sending again queues only members who have none yet: the outbox key is
/// campaign:&lt;id&gt;:member:&lt;id&gt;.
/// </summary>
public sealed class CampaignQueue(MemberMailValues values, SupportLinkLedger ledger, MemberOutbox outbox, MemberStore members)
{
    /// <summary>Queues one copy for each member of the page who has none yet, each with their own signed guide link.</summary>
    public async Task<CampaignSent> QueueAsync(Campaign campaign, IReadOnlyList<Member> page, string staff, Uri baseUrl, CancellationToken cancellationToken)
    {
        int queued = 0, already = 0;
        foreach (var member in page)
        {
            var content = values.For(member.Id, member.Email, member.Name, member.Account, member.Program, member.Language, baseUrl);
            var rendered = campaign.For(member.Language).Render(content.Values);
            var mail = new OutgoingMail($"campaign:{campaign.Id}:member:{member.Id}", OutgoingMailKind.Campaign, member.Email, member.Name,
                rendered.Subject, rendered.Text, rendered.Html, member.Language) { MemberId = member.Id, CampaignId = campaign.Id };
            if (!await outbox.EnqueueAsync(mail, cancellationToken))
            {
                already++;
                continue;
            }

            queued++;
            if (content.Ticket is { } ticket) await ledger.RecordSentAsync(ticket, staff, cancellationToken);
            await members.RecordAsync(member.Id, MemberEventKinds.Emailed, Localization.SaidDetail.Say("campaign", campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), campaign.Name), MemberStatus.Emailed, cancellationToken);
        }

        return new CampaignSent(queued, already);
    }
}
