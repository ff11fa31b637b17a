using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real portal in-process, on its own SQLite file and its own demo-server port, in the Production environment
/// unless told otherwise. Settings given to the constructor override the defaults.
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        _services = services;
    }

    public TempFolder Folder { get; } = new();

    public string DatabaseFile { get; }

    public string Environment { get; init; } = "Production";

    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        if (_services is not null) builder.ConfigureServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            Folder.Dispose();
        }
    }
}
