using Portal.Core.Localization;
using Microsoft.AspNetCore.Localization;

namespace Portal.Web.Localization;

/// <summary>Remembers the member's language in a cookie: chosen with the switch, or given by a link (?culture=en).</summary>
public static class LanguageCookie
{
    public static void Write(HttpContext context, string culture) =>
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
            });

    /// <summary>
    /// A link that names the language (an English support e-mail, say) keeps that language for the pages
    /// the member opens next, which carry no ?culture= of their own.
    /// </summary>
    public static IApplicationBuilder UseLanguageFromLinks(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var culture = context.Request.Query["culture"].ToString();
        var current = context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName];
        // Only a page the member opens counts: an image or script on someone else's site must not change their language.
        var dest = context.Request.Headers["Sec-Fetch-Dest"].ToString();
        var isPageOpened = HttpMethods.IsGet(context.Request.Method) && (dest.Length == 0 || dest == "document");
        if (isPageOpened && PortalCultures.IsSupported(culture) && current != CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)))
            Write(context, culture);
        return next(context);
    });
}
