using Dapper;
using Microsoft.Data.Sqlite;
using Portal.Cli;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Cli;

public sealed class PortalCliTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    [Fact]
    public async Task Config_check_accepts_the_defaults()
    {
        CopyContent();
        var (code, output, _) = await Run("config", "check");

        Assert.Equal(PortalCommand.Ok, code);
        Assert.Contains("Configuration is valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_check_prints_every_problem_and_exits_1()
    {
        CopyContent();
        WriteSettings("""
            { "Isp": { "Submission": { "Port": 0 }, "Support": { "Email": "nobody" } }, "Schedule": { "TimeZone": "Nowhere" } }
            """);

        var (code, output, _) = await Run("config", "check");

        Assert.Equal(PortalCommand.Failed, code);
        Assert.Contains("3 configuration problem(s):", output, StringComparison.Ordinal);
        Assert.Contains("  - Isp:Submission:Port: must be a port number between 1 and 65535 (was 0)", output, StringComparison.Ordinal);
        Assert.Contains("  - Isp:Support:Email: 'nobody' is not a mail address", output, StringComparison.Ordinal);
        Assert.Contains("  - Schedule:TimeZone: 'Nowhere' is not a known time zone id (for example Asia/Tokyo)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_check_reports_broken_json_with_its_file()
    {
        WriteSettings("{ \"Isp\": ");

        var (code, _, error) = await Run("config", "check");

        Assert.Equal(PortalCommand.Usage, code);
        Assert.Contains("appsettings.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_database_then_finds_it_up_to_date()
    {
        var (first, firstOutput, _) = await Run("migrate");
        var (second, secondOutput, _) = await Run("migrate");

        Assert.Equal(PortalCommand.Ok, first);
        Assert.Contains($"Database: SQLite file {Path.Combine(_contentRoot.Path, "App_Data", "portal.db")}", firstOutput, StringComparison.Ordinal);
        Assert.Contains("Applied 0001_data_protection_keys.sql", firstOutput, StringComparison.Ordinal);
        Assert.Equal(PortalCommand.Ok, second);
        Assert.Contains("Already up to date.", secondOutput, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_contentRoot.Path, "App_Data", "portal.db")}");
        Assert.Equal(Portal.Core.Data.SqlFiles.Names().Count(n => n.StartsWith(Portal.Core.Data.DatabaseMigrator.MigrationPrefix(Portal.Core.Configuration.DatabaseProvider.Sqlite), StringComparison.Ordinal)), await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaVersions"));
    }

    [Fact]
    public async Task Migrate_names_a_missing_database_folder()
    {
        WriteSettings("""{ "Database": { "ConnectionString": "missing/portal.db" } }""");

        var (code, _, error) = await Run("migrate");

        Assert.Equal(PortalCommand.Usage, code);
        Assert.Contains($"Database:ConnectionString: the folder '{Path.Combine(_contentRoot.Path, "missing")}' for the SQLite file does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (code, _, error) = await Run("migrat");

        Assert.Equal(PortalCommand.Usage, code);
        Assert.Contains("portal --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_tool_runs_as_a_program_and_reads_the_environment()
    {
        var database = _contentRoot.File("from-env.db");

        var result = await PortalProcess.RunAsync("portal.dll", ["migrate"], new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = database,
        });

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains($"Database: SQLite file {database}", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task Config_check_reads_the_guides_and_the_member_e_mails_as_the_site_would()
    {
        CopyContent();
        File.WriteAllText(_contentRoot.File("Staff/Mail/campaign.en.txt"), "Subject: Hello {nmae}\n\nBody\n");
        Directory.Delete(_contentRoot.File("Guides/Content/becky-2"), recursive: true);
        Directory.CreateDirectory(_contentRoot.File("Guides/Content/becky-2"));

        var (code, output, _) = await Run("config", "check");

        Assert.Equal(PortalCommand.Failed, code);
        Assert.Contains("campaign.en.txt: unknown placeholder {nmae}", output, StringComparison.Ordinal);
        Assert.Contains("Guides/Content: becky-2: guide.ja.md is missing", output, StringComparison.Ordinal);
    }

    /// <summary>The site's own content (guides, member e-mails), as a published portal has it next to its settings.</summary>
    private void CopyContent()
    {
        var source = Portal.Core.Configuration.PortalPaths.Locate().ContentRoot;
        foreach (var folder in new[] { "Guides/Content", "Staff/Mail" })
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder), "*", SearchOption.AllDirectories))
        {
            var target = _contentRoot.File(Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private void WriteSettings(string json) => File.WriteAllText(_contentRoot.File("appsettings.json"), json);

    private Task<(int Code, string Output, string Error)> Run(params string[] args) => CliRun.InAsync(_contentRoot.Path, null, args);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _contentRoot.Dispose();
    }
}
