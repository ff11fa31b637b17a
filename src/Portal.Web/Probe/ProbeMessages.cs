using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.Probe;
using Portal.Web.Infrastructure;
using Portal.Web.Localization;

namespace Portal.Web.Probe;

/// <summary>What a member is told when a probe does not run: too many tries, every line busy, or something mistyped.</summary>
public sealed class ProbeMessages(IStringLocalizer<PortalText> text, IOptions<ScheduleOptions> schedule, TimeProvider time)
{
    public sealed record Message(string Text, string? Field, int Status, int? RetryAfterSeconds);

    public Message For(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Throttled t => Throttled(t.RetryAt, "Probe.Throttled"),
        ProbeOutcome.Busy => new Message(text["Probe.Busy"], null, StatusCodes.Status503ServiceUnavailable, 60),
        ProbeOutcome.Unavailable => new Message(text["Probe.Unavailable"], null, StatusCodes.Status503ServiceUnavailable, 300),
        ProbeOutcome.Invalid i => new Message(text[i.TextKey], i.Field, StatusCodes.Status400BadRequest, null),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A completed probe has no message."),
    };

    /// <summary>Too many tries: the text (with {0} the time, {1} the minutes) says when to come back.</summary>
    public Message Throttled(DateTimeOffset retryAt, string textKey)
    {
        var seconds = RetryAfter.Seconds(retryAt, time);
        var minutes = (seconds + 59) / 60;
        return new Message(text[textKey, DateText.Time(retryAt, schedule.Value.TimeZone), minutes], null, StatusCodes.Status429TooManyRequests, seconds);
    }
}

public static class ProbeClientIp
{
    /// <summary>
    /// The member's address as the server sees it (behind a proxy, enable forwarded headers). An IPv6 client is its /64:
    /// one ordinary IPv6 connection has the whole /64 to pick addresses from.
    /// </summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new System.Net.IPAddress(bytes)}/64";
    }
}
