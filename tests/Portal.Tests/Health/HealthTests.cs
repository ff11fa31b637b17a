using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Health;

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
    public async Task Unreachable_is_all_an_anonymous_caller_learns_and_the_reason_goes_to_the_log()
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
        Assert.Equal("Unhealthy\ndatabase: Unhealthy: database unreachable\n", text.ReplaceLineEndings("\n"));
        var logged = Assert.Single(portal.Watch.Logs.Lines, l => l.Contains("Health: SqlServer does not answer", StringComparison.Ordinal));
        Assert.Contains("Microsoft.Data.SqlClient.SqlException", logged, StringComparison.Ordinal); // the exception itself, for the operator
    }

    [Fact]
    public async Task Unhealthy_when_migrations_have_not_been_run()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("database: Unhealthy: database not migrated", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(portal.Watch.Logs.Lines, l => l.StartsWith("Error Portal.Core.Health", StringComparison.Ordinal) && l.Contains("run `portal migrate`", StringComparison.Ordinal));
    }
}
