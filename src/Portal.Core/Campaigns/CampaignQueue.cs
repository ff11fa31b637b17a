using Portal.Core.Data;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.SupportLinks;

namespace Portal.Core.Campaigns;

public sealed record CampaignSent(int Queued, int AlreadyQueued);

/// <summary>
/// Puts a campaign's copies for a page of members in the outbox, each with the member's own support link, and notes
/// it on their timelines, all in one transaction of a few batched statements (a million members are a thousand pages,
/// not millions of round trips). A copy is queued as whom it goes to and its link's ticket; the outbox writes it
/// (<see cref="CampaignCopyWriter"/>) and signs its link as it sends it. Sending again queues only members who have
/// none yet: the outbox key is campaign:&lt;id&gt;:member:&lt;id&gt;.
/// </summary>
public sealed class CampaignQueue(PortalDatabase database, MemberMailValues values, SupportLinkLedger ledger, MemberOutbox outbox, MemberStore members)
{
    /// <summary>Each member's copy with a new ticket to their guide (none when their program has none).</summary>
    public IReadOnlyList<CampaignCopy> Prepare(IReadOnlyList<Member> page) =>
        page.Select(m => new CampaignCopy(m.Id, values.TicketFor(m.Id, m.Email, m.Program, m.Language))).ToList();

    /// <summary>Queues the copies of members who have none yet, their links and their timeline events, in one transaction.</summary>
    public async Task<CampaignSent> WriteAsync(Campaign campaign, IReadOnlyList<CampaignCopy> copies, string staff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await outbox.EnqueueCampaignCopiesWithinAsync(transaction, campaign.Id, copies.Select(c => (c.MemberId, c.Ticket?.Id)).ToList(), cancellationToken);
        var queued = copies.Where(c => added.Contains(c.MemberId)).ToList();
        await ledger.RecordSentWithinAsync(transaction, queued.Where(c => c.Ticket is not null).Select(c => c.Ticket!).ToList(), staff, cancellationToken);
        await members.RecordAllWithinAsync(transaction, queued.Select(c => c.MemberId).ToList(), MemberEventKinds.Emailed,
            Localization.SaidDetail.Say("campaign", campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), campaign.Name), MemberStatus.Emailed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CampaignSent(queued.Count, copies.Count - queued.Count);
    }
}

/// <summary>One member's copy of a campaign, ready to queue, with the ticket of its support link (none without a guide).</summary>
public sealed record CampaignCopy(long MemberId, SupportLinkTicket? Ticket);
