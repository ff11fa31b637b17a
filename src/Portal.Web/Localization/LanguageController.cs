using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Localization;

/// <summary>The language switch in the header: a small form post that remembers the choice in a cookie.</summary>
[Route("language")]
[IgnoreAntiforgeryToken]
[Portal.Web.Infrastructure.SameOriginForm]
public sealed class LanguageController : Controller
{
    [HttpPost("")]
    public IActionResult Choose([FromForm] string culture, [FromForm] string? returnUrl)
    {
        if (!PortalCultures.IsSupported(culture))
            return BadRequest($"Unknown language '{culture}'. Choose one of: {string.Join(", ", PortalCultures.All)}.");

        LanguageCookie.Write(HttpContext, culture);

        // Only back to a page of this site: a returnUrl is attacker-controlled input.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? WithoutCultureQuery(returnUrl!) : "/");
    }

    /// <summary>A ?culture= in the page we return to would override the choice just made.</summary>
    internal static string WithoutCultureQuery(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return url;
        var kept = url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("culture=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("ui-culture=", StringComparison.OrdinalIgnoreCase));
        var query = string.Join('&', kept);
        return query.Length == 0 ? url[..q] : $"{url[..q]}?{query}";
    }
}
