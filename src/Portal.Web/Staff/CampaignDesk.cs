using Portal.Core.Campaigns;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.Staff;
using Portal.Core.SupportLinks;

namespace Portal.Web.Staff;

public sealed record CampaignSent(int Queued, int AlreadyQueued);

/// <summary>
/// Previews a campaign for one member, sends a test copy to the staff member, and asks for the send, which
/// <see cref="CampaignSender"/> carries out a page of members at a time. Sending again queues only members who have
/// none yet: the outbox key is campaign:&lt;id&gt;:member:&lt;id&gt;.
/// </summary>
public sealed class CampaignDesk(
    CampaignStore campaigns, MemberMailValues values, SupportLinkLedger ledger, Outbox outbox, MemberStore members, StaffAudit audit, CampaignSender sender)
{
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

    /// <summary>Asks for the send; a <see cref="CampaignSender"/> on some node queues the members. False when one is under way.</summary>
    public async Task<bool> RequestSendAsync(Campaign campaign, string staff, Uri baseUrl, CancellationToken cancellationToken)
    {
        if (!await campaigns.RequestSendAsync(campaign.Id, staff, baseUrl, cancellationToken)) return false;
        await audit.RecordAsync(staff, "campaign-send-requested", $"campaign {campaign.Id} ({campaign.Name})", cancellationToken);
        sender.Wake();
        return true;
    }

    /// <summary>Queues one copy for each member of the page who has none yet, each with their own signed guide link.</summary>
    public async Task<CampaignSent> QueueAsync(Campaign campaign, IReadOnlyList<Member> page, string staff, Uri baseUrl, CancellationToken cancellationToken)
    {
        int queued = 0, already = 0;
        foreach (var member in page)
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

        return new CampaignSent(queued, already);
    }
}
