using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Portal.Core.Staff;

namespace Portal.Web.Pages.Staff;

/// <summary>
/// Staff sign-in: a cookie (Data Protection keys in the database, so any node accepts it) naming a session kept on the
/// server (<see cref="StaffSessions"/>), checked with its account on every request.
/// </summary>
public static class StaffSession
{
    public const string Scheme = "staff";
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "admin";

    private const string SessionClaim = "portal:session";

    public static IServiceCollection AddStaffSessions(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme);
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<StaffOptions>>((o, staff) =>
        {
            o.Cookie.Name = ".portal.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/staff/sign-in";
            o.AccessDeniedPath = "/staff/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(staff.Value.SessionHours);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(StaffRoles.Admin));
        return services;
    }

    /// <summary>Starts a session on the server and signs the browser in to it.</summary>
    public static async Task SignInAsync(HttpContext context, StaffAccount account, CancellationToken cancellationToken)
    {
        var session = await context.RequestServices.GetRequiredService<StaffSessions>().StartAsync(account, cancellationToken);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.Email), new Claim(ClaimTypes.Role, account.Role), new Claim(SessionClaim, session)], Scheme)));
    }

    /// <summary>Ends the session on the server, so that no copy of the cookie works any more, and in the browser.</summary>
    public static async Task SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.User.FindFirst(SessionClaim)?.Value is { } session)
            await context.RequestServices.GetRequiredService<StaffSessions>().EndAsync(session, cancellationToken);
        await context.SignOutAsync(Scheme);
    }

    /// <summary>The signed-in staff member's address, for the audit trail.</summary>
    public static string Who(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    // A session ended on the server (signed out, past Staff:SessionMaxHours), a disabled account, or one whose role changed:
    // the cookie stops working with its next request.
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        var principal = context.Principal;
        var account = principal?.FindFirst(SessionClaim)?.Value is { } session
            ? await sessions.FindActiveAsync(session, context.HttpContext.RequestAborted)
            : null;
        if (principal is null || account is null || account.Email != principal.Who() || !principal.IsInRole(account.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
