using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Evidence;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.SupportLinks;

namespace Portal.Web.Pages.Staff.Members;

/// <summary>One member: where they stand and everything that happened (imports, e-mails, clicks, probes, check-mail verdicts).</summary>
public sealed class DetailModel(MemberStore members, SupportLinkLedger links, MemberOutbox outbox, EvidenceStore evidence, IOptions<ScheduleOptions> schedule) : PageModel
{
    /// <summary>What the mail server's log shows of this member over the days kept, per kind.</summary>
    public IReadOnlyList<EvidenceSummary> Evidence { get; private set; } = [];

    public EvidenceVerdict Verdict => EvidenceVerdicts.Of(Evidence);

    public IReadOnlyList<SentLink> Links { get; private set; } = [];

    public IReadOnlyList<OutboxEntry> Mail { get; private set; } = [];

    public Member Member { get; private set; } = null!;

    public IReadOnlyList<MemberEvent> Events { get; private set; } = [];

    public string Time(DateTimeOffset at) => DateText.Time(at, schedule.Value.TimeZone, "yyyy-MM-dd HH:mm");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await members.FindAsync(id, cancellationToken) is not { } member) return NotFound();
        Member = member;
        Events = await members.EventsAsync(id, cancellationToken);
        Links = await links.ForMemberAsync(id, cancellationToken);
        Mail = await outbox.ForMemberAsync(id, 50, cancellationToken);
        Evidence = await evidence.SummaryAsync(id, cancellationToken);
        return Page();
    }
}
