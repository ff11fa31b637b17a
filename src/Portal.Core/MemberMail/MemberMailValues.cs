using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.SupportLinks;

namespace Portal.Core.MemberMail;

/// <summary>A message's placeholders for one member, with the signed link to their guide made fresh for it.</summary>
public sealed record MemberMailContent(SupportLinkTicket? Ticket, Uri Link, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// Fills the placeholders of a member e-mail (support link or campaign): their name and account, their program's
/// guide behind a signed link that expires (the general guides when their program is not known), the link to test
/// their settings with their user name filled in, the block date and the ISP's name, all in the member's language.
/// </summary>
public sealed class MemberMailValues(
    SupportLinkSigner signer, GuideLibrary guides, IOptions<SupportLinkOptions> options, IOptions<IspOptions> isp, IOptions<ScheduleOptions> schedule, TimeProvider time)
{
    /// <summary>The signed address that opens a ticket's guide.</summary>
    public Uri LinkFor(SupportLinkTicket ticket, Uri baseUrl) => new(baseUrl, $"l/{signer.Sign(ticket)}");

    public MemberMailContent For(long? memberId, string address, string? name, string account, string? program, string language, Uri baseUrl) =>
        For(TicketFor(memberId, address, program, language), address, name, account, language, baseUrl);

    /// <summary>A new link's ticket to the member's guide, expiring SupportLinks:ValidDays from now; none when their program has no guide.</summary>
    /// <remarks>
    /// The id is time-ordered (version 7): a campaign records a million links, and random keys would land each one on
    /// a different page of the links' key index, rewriting most of it with every page of members.
    /// </remarks>
    public SupportLinkTicket? TicketFor(long? memberId, string address, string? program, string language) =>
        program is not null && guides.Find(program, language) is { } guide
            ? new SupportLinkTicket(Guid.CreateVersion7(time.GetUtcNow()), memberId, address, guide.Id, language, time.GetUtcNow().AddDays(options.Value.ValidDays))
            : null;

    /// <summary>The values with <paramref name="ticket"/>'s guide behind a link signed now (the general guides without one).</summary>
    public MemberMailContent For(SupportLinkTicket? ticket, string address, string? name, string account, string language, Uri baseUrl)
    {
        var guide = ticket is null ? null : guides.Find(ticket.Program, ticket.Language);
        var link = ticket is not null && guide is not null ? LinkFor(ticket, baseUrl) : new Uri(baseUrl, $"guides?culture={language}");

        // The test page is filled in with the user name the guide in the same mail tells the member to type (the
        // ISP's user-name format), not the account id of the member file: the two differ when the ISP signs in with
        // the full address, and the member's test would then fail as a wrong password.
        var userName = isp.Value.UserNameFor(address);
        var test = new Uri(baseUrl, $"test?culture={language}{(guide is null ? "" : $"&client={Uri.EscapeDataString(guide.Id)}")}&account={Uri.EscapeDataString(userName)}");
        return new MemberMailContent(guide is null ? null : ticket, link, new Dictionary<string, string>
        {
            ["name"] = string.IsNullOrWhiteSpace(name) ? account : name,
            ["account"] = account,
            ["program"] = guide?.Name ?? (language == "en" ? "your mail program" : "お使いのメールソフト"),
            ["link"] = link.AbsoluteUri,
            ["testLink"] = test.AbsoluteUri,
            ["opens"] = DateText.Long(schedule.Value.ParallelRunStarts, language),
            ["deadline"] = DateText.Long(schedule.Value.Port25Blocked, language),
            ["isp"] = isp.Value.DisplayName(language),
        });
    }
}
