using Portal.Core;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Portal.Cli;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Configuration;

public sealed class PortalCliTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    /// <summary>Production (the tool's default environment) needs a certificate for the Data Protection keys.</summary>
    private static readonly string KeyCertificateJson =
        $"\"DataProtection\": {{ \"CertificateFile\": {JsonSerializer.Serialize(KeyCertificate.File)}, \"CertificatePassword\": \"{KeyCertificate.Password}\" }}";

    [Fact]
    public async Task Config_check_accepts_the_defaults_with_a_key_certificate()
    {
        WriteSettings($"{{ {KeyCertificateJson} }}");

        var (code, output, _) = await Run("config", "check");

        Assert.Equal(ExitCode.Ok, code);
        Assert.Contains("(environment Production)", output, StringComparison.Ordinal);
        Assert.Contains("Configuration is valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_check_refuses_production_without_a_key_certificate_and_names_the_setting()
    {
        var (code, output, _) = await Run("config", "check");

        Assert.Equal(ExitCode.Failed, code);
        Assert.Contains("1 configuration problem(s):", output, StringComparison.Ordinal);
        Assert.Contains("  - DataProtection:CertificateFile: is required outside Development (environment Production)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_check_prints_every_problem_and_exits_1()
    {
        WriteSettings($$"""
            { "Isp": { "Submission": { "Port": 0 }, "Support": { "Email": "nobody" } }, "Schedule": { "TimeZone": "Nowhere" }, {{KeyCertificateJson}} }
            """);

        var (code, output, _) = await Run("config", "check");

        Assert.Equal(ExitCode.Failed, code);
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

        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains("appsettings.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_database_then_finds_it_up_to_date()
    {
        var (first, firstOutput, _) = await Run("migrate");
        var (second, secondOutput, _) = await Run("migrate");

        Assert.Equal(ExitCode.Ok, first);
        Assert.Contains($"Database: SQLite file {Path.Combine(_contentRoot.Path, "App_Data", "portal.db")}", firstOutput, StringComparison.Ordinal);
        Assert.Contains("Applied 0001_data_protection_keys.sql", firstOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Ok, second);
        Assert.Contains("Already up to date.", secondOutput, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_contentRoot.Path, "App_Data", "portal.db")}");
        Assert.Equal(Portal.Core.Data.SqlFiles.Names().Count(n => n.StartsWith(Portal.Core.Data.DatabaseMigrator.MigrationPrefix(Portal.Core.Configuration.DatabaseProvider.Sqlite), StringComparison.Ordinal)), await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaVersions"));
    }

    [Fact]
    public async Task Migrate_names_a_missing_database_folder()
    {
        WriteSettings("""{ "Database": { "ConnectionString": "missing/portal.db" } }""");

        var (code, _, error) = await Run("migrate");

        Assert.Equal(ExitCode.Usage, code);
        Assert.Contains($"Database:ConnectionString: the folder '{Path.Combine(_contentRoot.Path, "missing")}' for the SQLite file does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (code, _, error) = await Run("migrat");

        Assert.Equal(ExitCode.Usage, code);
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

    private void WriteSettings(string json) => File.WriteAllText(_contentRoot.File("appsettings.json"), json);

    private Task<(int Code, string Output, string Error)> Run(params string[] args) => CliRun.InAsync(_contentRoot.Path, null, args);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _contentRoot.Dispose();
    }
}
