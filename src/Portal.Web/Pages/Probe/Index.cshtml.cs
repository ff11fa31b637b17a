using Portal.Web.Infrastructure;
using Portal.Core.Guides;
using Portal.Core.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;
using Portal.Core.Probe;

namespace Portal.Web.Pages.Probe;

/// <summary>"Test my settings": one form, a live probe of the ISP's submission server; works without JavaScript (post, then the result page).</summary>
public sealed class IndexModel(ProbeDesk desk, GuideLibrary library, DemoMode demo, IOptions<IspOptions> isp, ProbeMessages messages, OtherProviderPolicy otherProviders)
    : PageModel
{
    [BindProperty]
    public bool SendTestMessage { get; set; }

    /// <summary>Another provider's host, when operators allow it (Submission:OtherProviders:Enabled).</summary>
    [BindProperty]
    public string? OtherHost { get; set; }

    [BindProperty]
    public int? OtherPort { get; set; }

    public bool OtherProvidersAllowed => otherProviders.Enabled;

    /// <summary>Also from the query, so a support e-mail's link can fill it in (never the password).</summary>
    [BindProperty(SupportsGet = true)]
    public string Account { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    // "client" in links already sent (?client=becky-2).
    [BindProperty(SupportsGet = true, Name = "client")]
    public string? Program { get; set; }

    public IReadOnlyList<Guide> Guides { get; private set; } = [];

    public Guide? ChosenGuide { get; private set; }

    public MailServer Server => demo.Submission;

    public DemoMode Demo => demo;

    public UserNameFormat UserNameFormat => isp.Value.UserNameFormat;

    public PageProblem? Problem { get; private set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Load();
        var outcome = await desk.RunAsync(new MemberProbe(Account ?? "", Password ?? "", ChosenGuide?.Id, ClientIp.Of(HttpContext), SendTestMessage, OtherHost, OtherPort) { ProgramSends = ChosenGuide?.Sends }, null, cancellationToken);
        // The password is never written back into the page.
        Password = "";
        if (outcome is ProbeOutcome.Completed done) return Redirect($"/test/r/{done.Result.Code}");

        Problem = messages.For(outcome);
        Problem.ApplyTo(Response);
        return Page();
    }

    private void Load()
    {
        Guides = library.All(PortalCultures.Current);
        ChosenGuide = string.IsNullOrEmpty(Program) ? null : Guides.FirstOrDefault(g => g.Id == Program);
    }
}
