namespace Portal.Web.Guides;

/// <summary>Loads the guide content first of all hosted services, so a broken content file stops start-up, with its problems named, before anything else starts.</summary>
internal sealed class GuideLibraryStartup(GuideLibrary library) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = library.All("ja");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
