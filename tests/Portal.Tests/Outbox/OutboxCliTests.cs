using Portal.Core;
using Portal.Core.Outbox;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Cli;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Tests.Infrastructure;


namespace Portal.Tests.Outbox;

public sealed class OutboxCliTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    [Fact]
    public async Task Status_counts_the_outbox_of_the_configured_database()
    {
        Assert.Equal(ExitCode.Ok, (await Run("migrate")).Code);
        var database = new PortalDatabase(DatabaseLocation.Resolve(new DatabaseOptions(), _contentRoot.Path));
        var outbox = new MemberOutbox(database, Microsoft.Extensions.Options.Options.Create(new IspOptions()), TimeProvider.System);
        await outbox.EnqueueAsync(OutboxTests.Mail("support-link:1"), CancellationToken.None);
        await outbox.EnqueueAsync(OutboxTests.Mail("support-link:2"), CancellationToken.None);

        var (code, output, _) = await Run("outbox", "status");
        var (jsonCode, json, _) = await Run("outbox", "status", "--json");

        Assert.Equal(ExitCode.Ok, code);
        Assert.Equal("Outbox: 2 queued, 0 sent, 0 failed", output.Trim());
        Assert.Equal(ExitCode.Ok, jsonCode);
        var counts = JsonDocument.Parse(json).RootElement;
        Assert.Equal(2, counts.GetProperty("queued").GetInt64());
        Assert.Equal(0, counts.GetProperty("sent").GetInt64());
        Assert.Equal(0, counts.GetProperty("failed").GetInt64());
    }

    [Fact]
    public async Task Status_names_a_configuration_problem_and_exits_2()
    {
        File.WriteAllText(_contentRoot.File("appsettings.json"), """{ "Database": { "ConnectionString": "missing/portal.db" } }""");

        var (code, _, error) = await Run("outbox", "status");

        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("Database:ConnectionString: the folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_database_without_the_outbox_says_to_migrate_and_exits_1()
    {
        Directory.CreateDirectory(_contentRoot.File("App_Data"));

        var (code, _, error) = await Run("outbox", "status");

        Assert.Equal(ExitCode.Failed, code);
        Assert.Contains("`portal migrate`", error, StringComparison.Ordinal);
    }

    private Task<(int Code, string Output, string Error)> Run(params string[] args) => CliRun.InAsync(_contentRoot.Path, null, args);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _contentRoot.Dispose();
    }
}
