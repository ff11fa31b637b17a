using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Localization;
using Portal.Web.Localization;

namespace Portal.Web.Infrastructure;

/// <summary>What a member is told when a request is refused: the words, the field they concern, the status and when to come back.</summary>
public sealed record PageProblem(string Text, string? Field, int Status, int? RetryAfterSeconds)
{
    public void ApplyTo(HttpResponse response) => RetryAfter.Answer(response, Status, RetryAfterSeconds);
}

/// <summary>The words for "too many tries: come back at ... (in ... minutes)", the same for every per-IP or per-account limit.</summary>
public sealed class WaitWording(IStringLocalizer<PortalText> text, IOptions<ScheduleOptions> schedule, TimeProvider time)
{
    /// <summary>The text under <paramref name="textKey"/> gets {0} the clock time in the ISP's time zone and {1} the minutes.</summary>
    public PageProblem TooManyTries(DateTimeOffset retryAt, string textKey)
    {
        var seconds = RetryAfter.Seconds(retryAt, time);
        var minutes = (seconds + 59) / 60;
        return new PageProblem(text[textKey, DateText.Time(retryAt, schedule.Value.TimeZone), minutes], null, StatusCodes.Status429TooManyRequests, seconds);
    }
}
