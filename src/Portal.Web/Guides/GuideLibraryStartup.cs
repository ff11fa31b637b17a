namespace Portal.Web.Guides;

/// <summary>Loads the guide content before the site takes requests, so a broken content file stops start-up with its problems named.</summary>
internal sealed class GuideLibraryStartup(GuideLibrary library) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = library.All("ja");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
