using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>The web app started as a program: a bad configuration stops it with a message naming what and where.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Bad_configuration_values_stop_start_up_and_are_all_named()
    {
        var result = await StartWeb(new Dictionary<string, string>
        {
            ["Isp__Submission__Port"] = "0",
            ["Schedule__TimeZone"] = "Nowhere",
            ["Database__ConnectionString"] = Path.Combine(_folder.Path, "missing", "portal.db"),
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The portal cannot start: the configuration has problems.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Isp:Submission:Port: must be a port number between 1 and 65535 (was 0)", result.Error, StringComparison.Ordinal);
        Assert.Contains("Schedule:TimeZone: 'Nowhere' is not a known time zone id", result.Error, StringComparison.Ordinal);
        Assert.Contains($"Database:ConnectionString: the folder '{Path.Combine(_folder.Path, "missing")}' for the SQLite file does not exist", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal); // a message, not a stack trace
    }

    [Fact]
    public async Task An_unreadable_demo_certificate_stops_start_up_naming_the_file()
    {
        var certificate = _folder.File("demo.pfx");
        await File.WriteAllTextAsync(certificate, "this is not a certificate");

        var result = await StartWeb(new Dictionary<string, string> { ["Demo__CertificateFile"] = certificate });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"The demo submission certificate file '{certificate}' cannot be used", result.Error, StringComparison.Ordinal);
        Assert.Contains("Delete the file", result.Error, StringComparison.Ordinal);
        Assert.Equal("this is not a certificate", await File.ReadAllTextAsync(certificate));
    }

    private Task<ExternalProgram.Result> StartWeb(Dictionary<string, string> environment)
    {
        environment.TryAdd("Database__ConnectionString", _folder.File("portal.db"));
        foreach (var (key, value) in KeyCertificate.Settings("__")) environment[key] = value!;
        environment["Demo__Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Demo__ImplicitTlsPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        return PortalProcess.RunAsync("Portal.Web.dll", [], environment);
    }

    public void Dispose() => _folder.Dispose();
}
