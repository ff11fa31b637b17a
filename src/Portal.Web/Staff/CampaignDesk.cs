using Portal.Core.Campaigns;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.Staff;
using Portal.Core.SupportLinks;

namespace Portal.Web.Staff;

public sealed record CampaignSent(int Queued, int AlreadyQueued);

/// <summary>
/// Previews a campaign for one member, sends a test copy to the staff member, and queues one copy per matching member
/// (each with their own signed guide link). Sending again queues only members who have none yet: the outbox key is
/// campaign:&lt;id&gt;:member:&lt;id&gt;.
/// </summary>
public sealed class CampaignDesk(CampaignStore campaigns, MemberMailValues values, SupportLinkLedger ledger, Outbox outbox, MemberStore members, StaffAudit audit)
{
    private const int Page = 500;

    public RenderedMail Preview(Campaign campaign, Member member, Uri baseUrl) =>
        campaign.For(member.Language).Render(values.For(member.Id, member.Email, member.Name, member.Account, member.Client, member.Language, baseUrl).Values);

    /// <summary>A copy to the staff member, filled in as for a member using the campaign's program (if it has one).</summary>
    public async Task TestAsync(Campaign campaign, string staff, string language, Uri baseUrl, CancellationToken cancellationToken)
    {
        var rendered = campaign.For(language).Render(values.For(null, staff, staff, staff, campaign.Filter.Program, language, baseUrl).Values);
        await outbox.EnqueueAsync(new OutgoingMail($"campaign:{campaign.Id}:test:{Guid.NewGuid():N}", OutgoingMailKind.Test, staff, null,
            $"[TEST] {rendered.Subject}", rendered.Text, rendered.Html, language) { CampaignId = campaign.Id }, cancellationToken);
        await audit.RecordAsync(staff, "campaign-test-sent", $"campaign {campaign.Id} ({language}) to {staff}", cancellationToken);
    }

    public async Task<CampaignSent> SendAsync(Campaign campaign, string staff, Uri baseUrl, CancellationToken cancellationToken)
    {
        int queued = 0, already = 0;
        long after = 0;
        while (true)
        {
            var batch = await campaigns.MembersAsync(campaign.Filter, after, Page, cancellationToken);
            foreach (var member in batch)
            {
                var content = values.For(member.Id, member.Email, member.Name, member.Account, member.Client, member.Language, baseUrl);
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
                await members.RecordAsync(member.Id, MemberEventKinds.Emailed, $"campaign {campaign.Id}: {campaign.Name}", MemberStatus.Emailed, cancellationToken);
            }

            if (batch.Count < Page) break;
            after = batch[^1].Id;
        }

        await campaigns.RecordSentAsync(campaign.Id, queued, cancellationToken);
        await audit.RecordAsync(staff, "campaign-sent", $"campaign {campaign.Id} ({campaign.Name}): {queued} queued, {already} already had it", cancellationToken);
        return new CampaignSent(queued, already);
    }
}
