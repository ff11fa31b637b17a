using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.AutoSetup;
using Portal.Core.Configuration;
using Portal.Core.SupportLinks;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.AutoSetup;

/// <summary>
/// The settings profile for Apple's Mail: the member types their address and gets the download, with a QR code that
/// opens the same download on a phone. The address only goes into a link; nothing is stored.
/// </summary>
public sealed class AppleProfileModel(
    MemberMailSettingsSource source, ProfileSigner signer, AutoSetupAllowance allowance, TimeProvider time, IOptions<IspOptions> isp, IOptions<SupportLinkOptions> links)
    : PageModel
{
    [BindProperty(SupportsGet = true, Name = "address")]
    public string? Address { get; set; }

    /// <summary>The member's address once it is a whole address at the ISP's domain.</summary>
    public string? MemberAddress { get; private set; }

    public bool Invalid { get; private set; }

    /// <summary>Set when this connection has asked too often: how long until it may ask again.</summary>
    public int? RetryAfterSeconds { get; private set; }

    /// <summary>The download, relative to the portal.</summary>
    public string? DownloadPath { get; private set; }

    /// <summary>A QR code of the download's full address, as a data: URI.</summary>
    public string? QrCodeImage { get; private set; }

    public bool Signed => signer.Signs;

    public string Domain => isp.Value.MailDomain;

    public string IspName => isp.Value.DisplayName(PortalCultures.Current);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Address)) return Page();
        // Each answer draws a QR code, as the download signs a profile: both count against one allowance.
        if (await allowance.TryTakeAsync(ClientIp.Of(HttpContext), cancellationToken) is { } retryAt)
        {
            RetryAfterSeconds = RetryAfter.Seconds(retryAt, time);
            RetryAfter.Answer(Response, StatusCodes.Status429TooManyRequests, RetryAfterSeconds);
            return Page();
        }

        MemberAddress = source.Current().MemberAddress(Address);
        if (MemberAddress is null)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The language goes along, so the phone that opens the QR code's link makes the profile in the same words.
        DownloadPath = $"{AutoSetupEndpoints.ProfilePath}?address={Uri.EscapeDataString(MemberAddress)}&culture={PortalCultures.Current}";
        QrCodeImage = QrCode.PngDataUri(new Uri(PublicAddress.BaseUrl(links.Value, Request), DownloadPath.TrimStart('/')).AbsoluteUri);
        // The member's address is on the page: no cache keeps it.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
