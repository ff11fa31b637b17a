using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Portal.Core.Configuration;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The pages that are the same for every anonymous member (the guides, the notice pages) are rendered once per language
/// and day and served from memory, marked cacheable for browsers and proxies, and compressed. They carry no antiforgery
/// token (their two small forms are checked for a same-origin request instead, see <see cref="SameOriginFormAttribute"/>),
/// so the bytes hold nothing of one visitor. A personalised page (a support link's) and anything for a signed-in
/// staff member is never cached.
/// </summary>
public static class PublicPages
{
    public const string Policy = "public-page";

    /// <summary>How long a rendered page is served from memory; the day and language are part of its key anyway.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>What browsers and proxies may keep: short, as the banner counts the days.</summary>
    private const string BrowserCaching = "public, max-age=300";

    public static IServiceCollection AddPublicPages(this IServiceCollection services)
    {
        services.AddOutputCache(options => options.AddPolicy(Policy, new PagePolicy()));
        services.AddResponseCompression(options =>
        {
            // Over HTTPS too, but only what holds no secret (BREACH): static files, and public pages (see ShouldCompress).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json"];
        });
        services.AddSingleton<IResponseCompressionProvider, PublicOnlyCompression>();
        return services;
    }

    /// <summary>Whether a request to a public page may share its answer with everyone.</summary>
    internal static bool ForEveryone(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true
        && !context.Request.Query.ContainsKey("link")   // a support link: the member's own values
        && !context.Request.Query.ContainsKey("mine");  // the IP checker on the visitor's own address

    private sealed class PagePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var cacheable = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
            if (!cacheable || !ForEveryone(http))
            {
                context.EnableOutputCaching = false;
                return ValueTask.CompletedTask;
            }

            context.EnableOutputCaching = true;
            context.AllowCacheLookup = true;
            context.AllowCacheStorage = true;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = Lifetime;
            context.CacheVaryByRules.QueryKeys = "*";
            // The language (query or cookie, already read), today's date in the ISP's time zone (the banner's days) and
            // the platform the browser names (the guide picker puts it first): a handful of copies per page.
            var today = http.RequestServices.GetRequiredService<MoveCalendar>().Today;
            var platform = Portal.Core.Guides.PlatformHint.From(http.Request.Headers.UserAgent) ?? "any";
            context.CacheVaryByRules.VaryByValues["page"] = $"{CultureInfo.CurrentUICulture.Name}|{today:yyyy-MM-dd}|{platform}";
            http.Items[Policy] = true;
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                if (StringValues.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = BrowserCaching;
                // The language may come from a cookie and the picker follows the browser: a shared cache keeps a copy per both.
                headers.Append(HeaderNames.Vary, "Cookie");
                headers.Append(HeaderNames.Vary, "User-Agent");
                return Task.CompletedTask;
            });
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // Never keep a response that sets a cookie (but the language cookie a ?culture= link sets, the same for all who
            // follow that address), is not a plain 200, or was marked private by its page.
            var cookies = response.Headers.SetCookie;
            var onlyLanguage = cookies.All(c => c?.StartsWith(CookieRequestCultureProvider.DefaultCookieName + "=", StringComparison.Ordinal) == true);
            if (response.StatusCode != StatusCodes.Status200OK || !onlyLanguage
                || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.Ordinal))
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Compresses static files and public pages; a page with a form token or a member's data stays as it is.</summary>
    private sealed class PublicOnlyCompression(IServiceProvider services, Microsoft.Extensions.Options.IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context)
        {
            if (!base.ShouldCompressResponse(context)) return false;
            var html = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
            return !html || context.Items.ContainsKey(Policy);
        }
    }
}
