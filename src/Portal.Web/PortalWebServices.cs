using Portal.Core.AutoSetup;
using Portal.Core.Campaigns;
using Portal.Core.Content;
using Portal.Core.Guides;
using Portal.Core.Localization;
using Portal.Core.MemberMail;
using Portal.Core.SupportLinks;
using Portal.Web.Pages.Staff;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.DemoSubmission;
using Portal.Core.Health;
using Portal.Web.Infrastructure;
using Portal.Web.Pages.AutoSetup;
using Portal.Web.Localization;

namespace Portal.Web;

public static class PortalWebServices
{
    public static IServiceCollection AddPortalWeb(this IServiceCollection services)
    {
        // Hosted services start in this order: the content (guides, e-mail templates) is checked before anything else starts,
        // then the database is brought up to date and the key ring checked, then the demo server listens.
        services.AddHostedService<ContentStartup>();
        services.AddHostedService<MigrateOnStart>();
        services.AddHostedService<Portal.Core.DataProtection.KeyRingProtection>();
        services.AddPortalCore();
        services.AddHostedService<DemoSubmissionServer>();
        services.AddSingleton<ScreenReports>();
        services.AddHostedService<Housekeeping>();
        services.AddHostedService<Portal.Core.CheckMail.CheckMailboxReader>();
        // After the demo server: in demo mode the outbox sends through it.
        services.AddHostedService<Portal.Core.Outbox.OutboxSender>();
        services.AddSingleton<GuideValuesSource>();
        services.AddSingleton<WaitWording>();
        services.AddSingleton<Portal.Web.Pages.Probe.ProbeMessages>();
        services.AddSingleton<MemberMailTemplates>();
        services.AddScoped<Portal.Web.Pages.Staff.StaffWords>();
        services.AddSingleton<SupportLinkDesk>();
        services.AddSingleton<CampaignQueue>();
        services.AddSingleton<CampaignDesk>();
        services.AddSingleton<CampaignSender>();
        services.AddHostedService(sp => sp.GetRequiredService<CampaignSender>());
        services.AddSingleton<MemberMailSettingsSource>();
        services.AddSingleton<ProfileSigner>();
        services.AddPortalDataProtection();

        // Japanese text is written as itself, not as &#x...; entities; markup characters are still encoded.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = PortalCultures.All.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(PortalCultures.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // Japanese unless the member chose otherwise (cookie) or a link says so (?culture=en).
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddPublicPages();
        services.AddStaffSessions();
        services.AddRazorPages(options =>
            {
                options.Conventions.AddPageRoute("/Error", "/error/{code:int?}");
                options.Conventions.AuthorizeFolder("/Staff", StaffSession.StaffPolicy).AllowAnonymousToPage("/Staff/SignIn").AllowAnonymousToPage("/Staff/Denied");
            })
            .AddViewLocalization()
            .AddMvcOptions(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddControllers();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".portal.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        // One rule for every cookie the portal sets (staff session, antiforgery, language): outside Development they travel
        // over HTTPS only. Behind a TLS-terminating proxy the request is HTTPS through ForwardedHeaders (UsePortalWeb).
        services.AddOptions<CookiePolicyOptions>().Configure<IHostEnvironment>((options, environment) =>
            options.Secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);

        services.AddSingleton<StaticFileCache>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return services;
    }

    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        // First: every later step (HTTPS redirection, HSTS, secure cookies, per-IP limits) sees the member's own address and scheme.
        var proxies = app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
        if (proxies.Any) app.UseForwardedHeaders(TrustedProxies(proxies));
        // Next: static files from memory, with their headers made once; nothing after this is for them (see StaticFileCache).
        var staticFiles = app.Services.GetRequiredService<StaticFileCache>();
        app.Use(next => context => staticFiles.InvokeAsync(context, next));
        app.UseCookiePolicy();
        app.UseMiddleware<SecurityHeaders>();
        // Before the error pages: a re-executed 404 or 500 keeps the language of the original request.
        app.UseRequestLocalization();
        app.UseLanguageFromLinks();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseResponseCompression();
        // What the cache above leaves (ranges, preconditions, large files), with the same caching rule.
        app.UseStaticFiles(new StaticFileOptions
        {
            // An address with the file's content hash (asp-append-version's ?v=) never changes: keep it a year.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query["v"] is [{ } v] && v == staticFiles.VersionOf(file.Context.Request.Path.Value)
                    ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePublicPages();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportText.WriteAsync });
        app.MapControllers();
        app.MapAutoSetup();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Only the configured proxies are believed; the framework's default (any loopback sender) is cleared.</summary>
    private static ForwardedHeadersOptions TrustedProxies(TrustedProxyOptions proxies)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Each hop is read from the right only while the sender is a known proxy, so a chain of them needs no fixed count.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies.Proxies()) options.KnownProxies.Add(proxy);
        foreach (var network in proxies.Networks()) options.KnownIPNetworks.Add(network);
        return options;
    }
}
