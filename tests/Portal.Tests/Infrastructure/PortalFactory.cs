using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real portal in-process, on its own SQLite file and its own demo-server port, in the Production environment
/// unless told otherwise (with a certificate for its Data Protection keys, as Production requires; clients it makes talk
/// HTTPS, as its cookies must travel over HTTPS outside Development). Settings given to the constructor override the defaults. Every portal is watched for
/// passwords getting out (<see cref="PasswordWatch"/>): disposing one that leaked throws, failing its test.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public PortalFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? databaseFile = null)
    {
        DatabaseFile = databaseFile ?? Folder.File("portal.db");
        _settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = DatabaseFile,
            ["Demo:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:ImplicitTlsPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:CertificateFile"] = Folder.File("demo-submission.pfx"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in KeyCertificate.Settings()) _settings[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        _services = services;
        ClientOptions.BaseAddress = Https;
    }

    /// <summary>The address clients use: outside Development the portal's cookies are Secure, so the browser must be on HTTPS.</summary>
    public static Uri Https { get; } = new("https://localhost");

    public TempFolder Folder { get; } = new();

    public string DatabaseFile { get; }

    public string Environment { get; init; } = "Production";

    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    public PasswordWatch Watch { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Watch.Middleware);
            // The portal's own lines in full, everything else from Information, whatever the configured levels.
            services.AddLogging(logging => logging.AddProvider(Watch.Logs)
                .AddFilter<CapturedLogs>(null, LogLevel.Information)
                .AddFilter<CapturedLogs>("Portal", LogLevel.Trace));
        });
        if (_services is not null) builder.ConfigureServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        try
        {
            var leaks = Watch.SearchAsync(DatabaseFile, Setting("Demo:AccountPassword") ?? "demo-587-pass").GetAwaiter().GetResult();
            if (leaks.Count > 0)
                throw new InvalidOperationException($"A password got out of the portal ({leaks.Count} places):{System.Environment.NewLine}{string.Join(System.Environment.NewLine, leaks.Take(10))}");
        }
        finally
        {
            Folder.Dispose();
        }
    }
}
