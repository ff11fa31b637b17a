using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Probe;
using Portal.Web.Infrastructure;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Probe;

/// <summary>What a member is told when a probe does not run: too many tries, every line busy, or something mistyped.</summary>
public sealed class ProbeMessages(IStringLocalizer<PortalText> text, WaitWording wait, IOptions<IspOptions> isp)
{
    public PageProblem For(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Throttled t => wait.TooManyTries(t.RetryAt, "Probe.Throttled"),
        ProbeOutcome.Busy => new PageProblem(text["Probe.Busy"], null, StatusCodes.Status503ServiceUnavailable, 60),
        ProbeOutcome.Unavailable => new PageProblem(text["Probe.Unavailable"], null, StatusCodes.Status503ServiceUnavailable, 300),
        // {0} in a message is the ISP's mail domain.
        ProbeOutcome.Invalid i => new PageProblem(text[i.TextKey, isp.Value.MailDomain], i.Field, StatusCodes.Status400BadRequest, null),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A completed probe has no message."),
    };
}
