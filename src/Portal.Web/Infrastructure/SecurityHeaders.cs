using Microsoft.Extensions.Primitives;

namespace Portal.Web.Infrastructure;

/// <summary>Headers every response carries: no inline script, no framing, no sniffing, no referrer (links may be signed).</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Made once: every response sets the same values.
    private static readonly StringValues Policy = ContentSecurityPolicy;
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues Deny = "DENY";
    private static readonly StringValues NoReferrer = "no-referrer";
    private static readonly StringValues NoDevices = "camera=(), microphone=(), geolocation=(), payment=()";
    private static readonly StringValues SameOrigin = "same-origin";

    public Task InvokeAsync(HttpContext context)
    {
        // Set as the response starts, so that an error page that cleared the headers still carries them.
        context.Response.OnStarting(static state =>
        {
            Apply(((HttpContext)state).Response.Headers);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>Sets the headers on a response; static files served from memory (<see cref="StaticFileCache"/>) set them here too.</summary>
    internal static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = NoSniff;
        headers.XFrameOptions = Deny;
        headers["Referrer-Policy"] = NoReferrer;
        headers["Permissions-Policy"] = NoDevices;
        headers["Cross-Origin-Opener-Policy"] = SameOrigin;
    }
}
