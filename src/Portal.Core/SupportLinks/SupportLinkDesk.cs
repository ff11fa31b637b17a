using Portal.Core.Configuration;
using Portal.Core.Localization;
using Portal.Core.MemberMail;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.Staff;

namespace Portal.Core.SupportLinks;

/// <summary>A support link to send: to a member on file, or to an address typed during a phone call.</summary>
public sealed record SupportLinkOrder(long? MemberId, string Address, string? Name, string Account, string Program, string Language);

/// <summary>A link sent (or, for a repeat within <see cref="SupportLinkDesk.RepeatWindow"/>, the one already sent).</summary>
public sealed record SupportLinkSent(Guid Id, string Address, Uri Link, DateTimeOffset ExpiresAt, bool Repeat = false);

/// <summary>
/// Sends a member the guide for their program: a signed link (with their own user name and servers on the page it
/// opens) and a link to test their settings, in their language, through the outbox. Recorded for the member and in
/// the audit trail. The same guide to the same address again within minutes is not sent twice.
/// </summary>
public sealed class SupportLinkDesk(MemberMailValues values, SupportLinkLedger ledger, MemberMailTemplates mail, MoveCalendar calendar, MemberOutbox outbox, MemberStore members, StaffAudit audit, TimeProvider time)
{
    /// <summary>A second click, or a second agent on the same call, within this long gets the link already sent.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    /// <summary>The e-mail as the member will get it; the guide's link itself is made when it is sent.</summary>
    public RenderedMail Preview(SupportLinkOrder order, Uri baseUrl, string linkMadeOnSending)
    {
        var content = values.For(order.MemberId, order.Address, order.Name, order.Account, order.Program, order.Language, baseUrl);
        return mail.For(order.Language, calendar.Phase).Render(new Dictionary<string, string>(content.Values) { ["link"] = linkMadeOnSending });
    }

    public async Task<SupportLinkSent> SendAsync(SupportLinkOrder order, string staff, Uri baseUrl, CancellationToken cancellationToken)
    {
        if (await ledger.RecentAsync(order.Address, order.Program, order.Language, time.GetUtcNow() - RepeatWindow, cancellationToken) is { } recent)
            return new SupportLinkSent(recent.Id, recent.Address, values.LinkFor(recent, baseUrl), recent.ExpiresAt, Repeat: true);

        var content = values.For(order.MemberId, order.Address, order.Name, order.Account, order.Program, order.Language, baseUrl);
        var ticket = content.Ticket ?? throw new ArgumentException($"no guide for '{order.Program}'", nameof(order));
        var rendered = mail.For(order.Language, calendar.Phase).Render(content.Values);

        await ledger.RecordSentAsync(ticket, staff, cancellationToken);
        await outbox.EnqueueAsync(new OutgoingMail($"support-link:{ticket.Id:N}", OutgoingMailKind.SupportLink, order.Address, order.Name, rendered.Subject, rendered.Text, rendered.Html, order.Language)
        {
            MemberId = order.MemberId,
        }, cancellationToken);
        if (order.MemberId is { } memberId)
            await members.RecordAsync(memberId, MemberEventKinds.Emailed, SaidDetail.Say("support-link", order.Program, order.Language, staff), MemberStatus.Emailed, cancellationToken);
        await audit.RecordAsync(staff, "support-link-sent", SaidDetail.Say("support-link-sent", order.Address, order.Program, order.Language, ticket.Id.ToString("N")), cancellationToken);
        return new SupportLinkSent(ticket.Id, ticket.Address, content.Link, ticket.ExpiresAt);
    }

    /// <summary>A link sent earlier, to show it again after the page that sent it was left (post, then redirect).</summary>
    public async Task<SupportLinkSent?> FindSentAsync(Guid id, Uri baseUrl, CancellationToken cancellationToken) =>
        await ledger.FindAsync(id, cancellationToken) is { } ticket ? new SupportLinkSent(ticket.Id, ticket.Address, values.LinkFor(ticket, baseUrl), ticket.ExpiresAt) : null;
}
