using Microsoft.Extensions.Localization;
using Portal.Core.Probe;
using Portal.Web.Infrastructure;
using Portal.Web.Localization;

namespace Portal.Web.Pages.Probe;

/// <summary>What a member is told when a probe does not run: too many tries, every line busy, or something mistyped.</summary>
public sealed class ProbeMessages(IStringLocalizer<PortalText> text, WaitWording wait)
{
    public PageProblem For(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Throttled t => wait.TooManyTries(t.RetryAt, "Probe.Throttled"),
        ProbeOutcome.Busy => new PageProblem(text["Probe.Busy"], null, StatusCodes.Status503ServiceUnavailable, 60),
        ProbeOutcome.Unavailable => new PageProblem(text["Probe.Unavailable"], null, StatusCodes.Status503ServiceUnavailable, 300),
        ProbeOutcome.Invalid i => new PageProblem(text[i.TextKey], i.Field, StatusCodes.Status400BadRequest, null),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A completed probe has no message."),
    };
}
