namespace Portal.Web.Infrastructure;

/// <summary>The whole seconds until a limit opens again, as Retry-After and the pages give them: at least one.</summary>
public static class RetryAfter
{
    public static int Seconds(DateTimeOffset retryAt, TimeProvider time) =>
        (int)Math.Ceiling(Math.Max(1, (retryAt - time.GetUtcNow()).TotalSeconds));
}
