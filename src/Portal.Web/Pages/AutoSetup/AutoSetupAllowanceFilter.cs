using Portal.Core.AutoSetup;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.AutoSetup;

/// <summary>Answers 429 with Retry-After once a client IP has used its per-minute allowance of one-click documents.</summary>
public sealed class AutoSetupAllowanceFilter(AutoSetupAllowance allowance, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await allowance.TryTakeAsync(ClientIp.Of(http), http.RequestAborted) is not { } retryAt) return await next(context);
        RetryAfter.Answer(http.Response, StatusCodes.Status429TooManyRequests, RetryAfter.Seconds(retryAt, time));
        return Results.Empty;
    }
}
