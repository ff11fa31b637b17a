using Portal.Core.AutoSetup;
using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.DemoSubmission;
using Portal.Core.SupportLinks;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Staff;

/// <summary>The DNS records operators publish so that mail programs set themselves up, made from the configuration, with what would stop them working.</summary>
[Authorize(Policy = StaffSession.AdminPolicy)]
public sealed class DnsRecordsModel(MemberMailSettingsSource source, DemoMode demo, IOptions<SupportLinkOptions> links) : PageModel
{
    public string Domain { get; private set; } = "";

    public Uri Portal { get; private set; } = null!;

    public IReadOnlyList<DnsRecord> Records { get; private set; } = [];

    /// <summary>Record targets that are IP addresses: SRV and CNAME targets must be host names.</summary>
    public IReadOnlyList<string> AddressTargets { get; private set; } = [];

    public bool DemoMode => demo.IsOn;

    public void OnGet()
    {
        var settings = source.Current();
        Domain = settings.Domain;
        Portal = PublicAddress.BaseUrl(links.Value, Request);
        Records = DnsRecords.For(settings, Portal.Host);
        AddressTargets = new[] { settings.Outgoing.Host, settings.Incoming.Host, settings.ImplicitTls?.Host, Portal.Host }
            .OfType<string>().Where(h => IPAddress.TryParse(h.Trim('[', ']'), out _)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
