using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.DemoSubmission;

namespace Portal.Tests.Probe;

/// <summary>The portal's own demo submission server (SmtpServer: STARTTLS and implicit TLS, AUTH PLAIN/LOGIN) on loopback, for probing.</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    public const string Account = "demo@example.jp";
    public const string Password = "demo-587-pass";

    private readonly TempFolder _folder = new();
    private IHost? _host;

    public int StartTlsPort { get; } = FreePort.Next();

    public int ImplicitTlsPort { get; } = FreePort.Next();

    public X509Certificate2 Certificate { get; private set; } = null!;

    public string CertificateFile => _folder.File("demo.pfx");

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder.Path });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Demo:Port"] = StartTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:ImplicitTlsPort"] = ImplicitTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo:CertificateFile"] = CertificateFile,
        });
        builder.Services.AddDemoSubmission().AddHostedService<DemoSubmissionServer>();
        _host = builder.Build();
        await _host.StartAsync();
        Certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificateFile, null);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _folder.Dispose();
    }
}
