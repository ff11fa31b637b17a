using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.DemoSubmission;

namespace Portal.Benchmarks;

/// <summary>
/// The real portal in this process, on a real Kestrel socket at 127.0.0.1 (not TestServer: the HTTP figures must include
/// the network stack), in demo mode, with a SQLite file and demo-server ports of its own, in the Production environment.
/// </summary>
internal sealed class BenchPortal : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private BenchPortal(IReadOnlyDictionary<string, string?> overrides)
    {
        Directory.CreateDirectory(Folder);
        DemoPort = Portal.TestServers.FreePort.Next();
        _settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = Path.Combine(Folder, "portal.db"),
            ["Demo:Enabled"] = "true",
            ["Demo:Port"] = DemoPort.ToString(CultureInfo.InvariantCulture),
            ["Demo:ImplicitTlsPort"] = Portal.TestServers.FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Demo:CertificateFile"] = Path.Combine(Folder, "demo-submission.pfx"),
            // Clients reach it as through a TLS proxy on 127.0.0.1 (BehindTlsProxy): Production's cookies are Secure.
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            // A throw-away database: its keys need no certificate (keys are read once at start, never on the measured path).
            ["DataProtection:InsecureStoreKeysUnencrypted"] = "true",
            // Errors only: the busy probes of the concurrency run would otherwise print a warning each.
            ["Logging:LogLevel:Default"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        };
        foreach (var (key, value) in overrides) _settings[key] = value;
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "portal-benchmarks", Guid.NewGuid().ToString("N"));

    /// <summary>The demo submission server's STARTTLS port (like 587).</summary>
    public int DemoPort { get; }

    public Uri Address { get; private set; } = null!;

    /// <summary>The demo server's certificate, read after start-up (the server makes it on first start); unset with demo mode off.</summary>
    public X509Certificate2 DemoCertificate { get; private set; } = null!;

    public DemoSessionCount Sessions => Services.GetRequiredService<DemoSessionCount>();

    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    public static BenchPortal Start(IReadOnlyDictionary<string, string?> overrides)
    {
        var portal = new BenchPortal(overrides);
        portal.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        var addresses = portal.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        portal.Address = new Uri(addresses.Addresses.First());
        // Only the public part is kept: the benchmark trusts this certificate, it never serves it. (No demo server, no certificate.)
        if (File.Exists(portal.Setting("Demo:CertificateFile")))
        {
            using var withKey = X509CertificateLoader.LoadPkcs12FromFile(portal.Setting("Demo:CertificateFile")!, null);
            portal.DemoCertificate = X509CertificateLoader.LoadCertificate(withKey.RawData);
        }

        return portal;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DemoCertificate?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment: the OS cleans its temp folder eventually.
        }
    }
}
