using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.SupportLinks;

namespace Portal.Core.Campaigns;

/// <summary>
/// Writes a campaign's copy as the outbox sends it (queued, a copy is only whom it goes to and its link's id): the
/// campaign's template in the copy's language, filled in with the member's name and account of that day and their
/// support link signed as it leaves.
/// </summary>
public sealed class CampaignCopyWriter(CampaignStore campaigns, MemberStore members, SupportLinkLedger ledger, MemberMailValues values)
{
    /// <summary>The copy, or null when its campaign or its member is no longer in the portal (nothing can be written then).</summary>
    public async Task<RenderedMail?> WriteAsync(long campaignId, long memberId, Guid? linkId, string address, string language, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(campaignId, cancellationToken);
        var member = await members.FindAsync(memberId, cancellationToken);
        if (campaign is not { SendBaseUrl: { } baseUrl } || member is null) return null;
        var ticket = linkId is { } id ? await ledger.FindAsync(id, cancellationToken) : null;
        return campaign.For(language).Render(values.For(ticket, address, member.Name, member.Account, language, new Uri(baseUrl)).Values);
    }
}
