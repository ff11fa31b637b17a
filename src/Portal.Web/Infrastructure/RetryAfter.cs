using System.Globalization;

namespace Portal.Web.Infrastructure;

/// <summary>How a request that a limit stopped is answered: its status and Retry-After, in whole seconds (at least one).</summary>
public static class RetryAfter
{
    public static int Seconds(DateTimeOffset retryAt, TimeProvider time) =>
        (int)Math.Ceiling(Math.Max(1, (retryAt - time.GetUtcNow()).TotalSeconds));

    /// <summary>Sets the status (429 for too many requests, 503 while busy, or another) and, when known, Retry-After.</summary>
    public static void Answer(HttpResponse response, int status, int? seconds)
    {
        response.StatusCode = status;
        if (seconds is { } s) response.Headers.RetryAfter = s.ToString(CultureInfo.InvariantCulture);
    }
}
