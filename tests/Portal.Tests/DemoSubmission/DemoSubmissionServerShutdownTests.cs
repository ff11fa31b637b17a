using Portal.Tests.Infrastructure;

namespace Portal.Tests.DemoSubmission;

public sealed class DemoSubmissionServerShutdownTests
{
    /// <summary>
    /// WebApplicationFactory stops the host while the app's own RunAsync stops it as well, so the demo server's
    /// StopAsync runs twice at once; that used to throw, or hang until the host gave up.
    /// </summary>
    [Fact]
    public async Task Portal_started_by_the_test_factory_disposes_cleanly()
    {
        var factory = new PortalFactory();
        using (var client = factory.CreateClient())
        {
            // Rendering a page (antiforgery, key ring) is what exposed the race.
            using var response = await client.GetAsync("/");
        }

        await factory.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
