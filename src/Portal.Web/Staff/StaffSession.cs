using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Portal.Core.Staff;

namespace Portal.Web.Staff;

/// <summary>Staff sign-in: a cookie session (Data Protection keys in the database, so any node accepts it), checked against the account on every request.</summary>
public static class StaffSession
{
    public const string Scheme = "staff";
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "admin";

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

    public static ClaimsPrincipal Principal(StaffAccount account) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, account.Email), new Claim(ClaimTypes.Role, account.Role)], Scheme));

    /// <summary>The signed-in staff member's address, for the audit trail.</summary>
    public static string Who(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    // A disabled account, or one whose role changed, loses its sessions with its next request.
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<StaffAccounts>();
        var account = await accounts.FindActiveAsync(context.Principal?.Who() ?? "", context.HttpContext.RequestAborted);
        if (account is null || !context.Principal!.IsInRole(account.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
