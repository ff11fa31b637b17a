using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Pages;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthy_when_the_database_answers_and_is_migrated()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Unhealthy_with_the_reason_when_the_database_does_not_answer()
    {
        // Nothing listens on port 1; SQL Server is never migrated on start, so the portal itself starts.
        using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectionString"] = "Server=tcp:127.0.0.1,1;Database=portal;User Id=sa;Password=x;Connect Timeout=2;Encrypt=false",
        });
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Unhealthy", text, StringComparison.Ordinal);
        Assert.Contains("database: Unhealthy: SqlServer does not answer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unhealthy_when_migrations_have_not_been_run()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("run `portal migrate`", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
