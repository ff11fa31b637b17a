using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.Staff;

namespace Portal.Core.Campaigns;

/// <summary>
/// Previews a campaign for one member, sends a test copy to the staff member, and asks for the send, which
/// <see cref="CampaignSender"/> carries out through <see cref="CampaignQueue"/> a page of members at a time.
/// </summary>
public sealed class CampaignDesk(CampaignStore campaigns, MemberMailValues values, MemberOutbox outbox, StaffAudit audit, CampaignSender sender)
{
    public RenderedMail Preview(Campaign campaign, Member member, Uri baseUrl) =>
        campaign.For(member.Language).Render(values.For(member.Id, member.Email, member.Name, member.Account, member.Program, member.Language, baseUrl).Values);

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
}
