
using Microsoft.Extensions.Hosting;
using Portal.Core.Guides;
using Portal.Core.MemberMail;

namespace Portal.Core.Content;

/// <summary>
/// Loads the content first of all hosted services (the guides, the support-link e-mails), so a broken content file
/// stops start-up, with its problems named, before anything else starts.
/// </summary>
internal sealed class ContentStartup(GuideLibrary library, MemberMailTemplates mail) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = library.All("ja");
        _ = mail.For("ja", Configuration.MovePhase.Announced);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
