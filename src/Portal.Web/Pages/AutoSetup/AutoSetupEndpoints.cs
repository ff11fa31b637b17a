using Portal.Core.AutoSetup;
using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.SupportLinks;
using Portal.Web.Infrastructure;
using Portal.Web.Localization;

namespace Portal.Web.Pages.AutoSetup;

/// <summary>
/// The documents mail programs fetch to set themselves up, and the settings profile download. Minimal APIs, not MVC:
/// programs fetch or post these with no antiforgery token, and the site-wide AutoValidateAntiforgeryTokenAttribute is an
/// MVC filter that does not reach them; DisableAntiforgery keeps it so if antiforgery middleware is ever added.
/// Nothing here changes anything on the server, so there is no request to forge.
/// </summary>
public static class AutoSetupEndpoints
{
    public const string AutoconfigPath = "/mail/config-v1.1.xml";
    public const string WellKnownAutoconfigPath = "/.well-known/autoconfig/mail/config-v1.1.xml";
    public const string AutodiscoverPath = "/autodiscover/autodiscover.xml";
    public const string ProfilePath = "/auto-setup/apple/profile";
    public const string ProfilePage = "/auto-setup/apple";

    public static IEndpointRouteBuilder MapAutoSetup(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("").DisableAntiforgery().AddEndpointFilter<AutoSetupAllowanceFilter>();
        // Thunderbird asks autoconfig.<domain> for the first and <domain> for the second.
        documents.MapGet(AutoconfigPath, Autoconfig);
        documents.MapGet(WellKnownAutoconfigPath, Autoconfig);
        // Routes match without regard to case, so this one route also answers Outlook's /Autodiscover/Autodiscover.xml.
        documents.MapPost(AutodiscoverPath, AutodiscoverAsync);
        documents.MapGet(ProfilePath, Profile);
        return app;
    }

    private static IResult Autoconfig(HttpContext context, string? emailaddress, MemberMailSettingsSource source, GuideLibrary guides,
        IOptions<IspOptions> isp, IOptions<SupportLinkOptions> links)
    {
        var settings = source.Current();
        // Without an address the document is the same for every member; an address at another domain is not ours to answer.
        if (!string.IsNullOrEmpty(emailaddress) && settings.MemberAddress(emailaddress) is null) return Results.NotFound();

        var guideJa = guides.All("ja").FirstOrDefault(g => g.AutoSetup == AutoSetupKind.ThunderbirdAutoconfig);
        var guideEn = guides.All("en").FirstOrDefault(g => g.AutoSetup == AutoSetupKind.ThunderbirdAutoconfig);
        var guide = new Uri(PublicAddress.BaseUrl(links.Value, context.Request), $"guides/{guideJa?.Id ?? "thunderbird"}");
        var name = isp.Value.DisplayName(PortalCultures.Current);
        var document = ThunderbirdAutoconfig.For(settings, name, guide,
            $"{isp.Value.Name.Ja}: {guideJa?.Name ?? "Thunderbird"}", $"{isp.Value.Name.En}: {guideEn?.Name ?? "Thunderbird"}");
        return new XmlDocumentResult(document, "application/xml; charset=utf-8");
    }

    private static async Task<IResult> AutodiscoverAsync(HttpContext context, MemberMailSettingsSource source, TimeProvider time)
    {
        var body = await ReadCappedAsync(context.Request, OutlookAutodiscover.MaxRequestBytes, context.RequestAborted);
        var request = body is null ? new AutodiscoverRequest(null, AutodiscoverError.TooLarge) : OutlookAutodiscover.Read(body);
        var settings = source.Current();
        var address = request.Error is null ? settings.MemberAddress(request.Address) : null;
        var error = request.Error ?? (address is null ? AutodiscoverError.UnknownAddress : null);
        return error is not null
            ? new XmlDocumentResult(OutlookAutodiscover.Error(error, time.GetUtcNow()), "text/xml; charset=utf-8", error.HttpStatus)
            : new XmlDocumentResult(OutlookAutodiscover.Settings(settings, address!), "text/xml; charset=utf-8");
    }

    private static IResult Profile(HttpContext context, string? address, MemberMailSettingsSource source, ProfileSigner signer,
        IOptions<IspOptions> isp, IStringLocalizer<PortalText> text)
    {
        var settings = source.Current();
        if (settings.MemberAddress(address) is not { } member)
            return Results.Redirect($"{ProfilePage}?address={Uri.EscapeDataString(address ?? "")}");

        var name = isp.Value.DisplayName(PortalCultures.Current);
        var profile = AppleMailProfile.For(settings, member,
            new ProfileText(name, text["AutoSetup.Profile.DisplayName", name], text["AutoSetup.Profile.Description", name, member], name),
            Guid.NewGuid(), Guid.NewGuid());
        // The member's own address is in it: no cache keeps it.
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(signer.Sign(profile), AppleMailProfile.ContentType, "mail-settings.mobileconfig");
    }

    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/>: read no further than that.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
