using System.Globalization;
using Portal.Core.AutoSetup;
using Portal.Web.Infrastructure;
using Portal.Web.Probe;

namespace Portal.Web.AutoSetup;

/// <summary>Answers 429 with Retry-After once a client IP has used its per-minute allowance of one-click documents.</summary>
public sealed class AutoSetupAllowanceFilter(AutoSetupAllowance allowance, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await allowance.TryTakeAsync(ProbeClientIp.Of(http), http.RequestAborted) is not { } retryAt) return await next(context);
        http.Response.Headers.RetryAfter = RetryAfter.Seconds(retryAt, time).ToString(CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }
}
