using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Builder;
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
        services.AddSingleton<ConfigurationFingerprint>();
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

    /// <summary>
    /// Serves public pages from the output cache, answering "still this?" (If-None-Match with the page's validator) with
    /// a 304 before anything is looked up. After routing and authentication: it needs the page and the visitor.
    /// </summary>
    public static IApplicationBuilder UsePublicPages(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.IfNoneMatch.Count > 0 && ForEveryone(context)
                && context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == Policy)
            {
                var validator = Validator(context, PageKey(context));
                if (context.Request.Headers.IfNoneMatch.Any(v => v == validator || v == "*"))
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    context.Response.Headers.ETag = validator;
                    context.Response.Headers.CacheControl = BrowserCaching;
                    return;
                }
            }

            await next();
        });
        return app.UseOutputCache();
    }

    /// <summary>What a public page is made of besides its address: the language, the day and the platform hint.</summary>
    private static string PageKey(HttpContext http)
    {
        var today = http.RequestServices.GetRequiredService<MoveCalendar>().Today;
        var platform = Portal.Core.Guides.PlatformHint.From(http.Request.Headers.UserAgent) ?? "any";
        return $"{CultureInfo.CurrentUICulture.Name}|{today:yyyy-MM-dd}|{platform}";
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
            var page = PageKey(http);
            context.CacheVaryByRules.VaryByValues["page"] = page;
            http.Items[Policy] = true;
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                if (StringValues.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = BrowserCaching;
                // A validator: the page is made only from what this names, so a browser or proxy holding it may ask
                // "still this?" and get a 304 from the output cache without the body.
                if (StringValues.IsNullOrEmpty(headers.ETag)) headers.ETag = Validator(http, page);
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

    /// <summary>
    /// A weak validator from everything a public page is made of: this build, the configuration, the address, the
    /// language, the day and the platform. Nodes running the same build and configuration agree on it.
    /// </summary>
    private static string Validator(HttpContext http, string page)
    {
        var configuration = http.RequestServices.GetRequiredService<ConfigurationFingerprint>().Value;
        var made = $"{typeof(PublicPages).Assembly.ManifestModule.ModuleVersionId}|{configuration}|{http.Request.Path}{http.Request.QueryString}|{page}";
        return $"W/\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(made)))[..32]}\"";
    }

    /// <summary>A hash of the whole configuration, taken once: what a page shows follows it.</summary>
    internal sealed class ConfigurationFingerprint(IConfiguration configuration)
    {
        public string Value { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join("\n", configuration.AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))));
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
