using Portal.Core.Configuration;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.Staff;

namespace Portal.Core.SupportLinks;

/// <summary>A support link to send: to a member on file, or to an address typed during a phone call.</summary>
public sealed record SupportLinkOrder(long? MemberId, string Address, string? Name, string Account, string Program, string Language);

public sealed record SupportLinkSent(Guid Id, Uri Link, DateTimeOffset ExpiresAt);

/// <summary>
/// Sends a member the guide for their program: a signed link (with their own user name and servers on the page it
/// opens) and a link to test their settings, in their language, through the outbox. Recorded for the member and in
/// the audit trail.
/// </summary>
public sealed class SupportLinkDesk(MemberMailValues values, SupportLinkLedger ledger, MemberMailTemplates mail, MoveCalendar calendar, MemberOutbox outbox, MemberStore members, StaffAudit audit)
{
    public async Task<SupportLinkSent> SendAsync(SupportLinkOrder order, string staff, Uri baseUrl, CancellationToken cancellationToken)
    {
        var content = values.For(order.MemberId, order.Address, order.Name, order.Account, order.Program, order.Language, baseUrl);
        var ticket = content.Ticket ?? throw new ArgumentException($"no guide for '{order.Program}'", nameof(order));
        var rendered = mail.For(order.Language, calendar.Phase).Render(content.Values);

        await ledger.RecordSentAsync(ticket, staff, cancellationToken);
        await outbox.EnqueueAsync(new OutgoingMail($"support-link:{ticket.Id:N}", OutgoingMailKind.SupportLink, order.Address, order.Name, rendered.Subject, rendered.Text, rendered.Html, order.Language)
        {
            MemberId = order.MemberId,
        }, cancellationToken);
        if (order.MemberId is { } memberId)
            await members.RecordAsync(memberId, MemberEventKinds.Emailed, $"support link: {content.Values["program"]} ({order.Language}), sent by {staff}", MemberStatus.Emailed, cancellationToken);
        await audit.RecordAsync(staff, "support-link-sent", $"{order.Address}: {order.Program} ({order.Language}), link {ticket.Id:N} until {ticket.ExpiresAt:yyyy-MM-dd}", cancellationToken);
        return new SupportLinkSent(ticket.Id, content.Link, ticket.ExpiresAt);
    }
}
