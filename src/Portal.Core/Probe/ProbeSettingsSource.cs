using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.DemoSubmission;

namespace Portal.Core.Probe;

/// <summary>
/// Builds the probe's settings: timeouts, and the certificates to trust besides the system's: the configured PEM file,
/// and in demo mode the demo server's own self-signed certificate (made when the demo server starts).
/// </summary>
public sealed class ProbeSettingsSource(IOptions<ProbeOptions> options, DemoMode demo, IHostEnvironment environment)
{
    private ProbeSettings? _settled;

    /// <summary>Built once; in demo mode only once the demo server has made its certificate.</summary>
    public ProbeSettings Current() => _settled ?? Build();

    private ProbeSettings Build()
    {
        var o = options.Value;
        var trust = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(o.TrustedCertificateFile))
            trust.AddRange(ReadPem(Path.GetFullPath(o.TrustedCertificateFile, environment.ContentRootPath)).Certificates);

        var complete = true;
        if (demo.IsOn)
        {
            var demoCertificate = DemoServerCertificate(demo, environment.ContentRootPath);
            complete = demoCertificate is not null;
            if (demoCertificate is not null) trust.Add(demoCertificate);
        }

        var settings = new ProbeSettings(TimeSpan.FromSeconds(o.BudgetSeconds), TimeSpan.FromSeconds(o.StepTimeoutSeconds), trust, o.DangerouslyAcceptAnyCertificateForDevelopment);
        if (complete) _settled = settings;
        return settings;
    }

    /// <summary>The demo server's self-signed certificate (its public part), or null until the demo server has made it.</summary>
    internal static X509Certificate2? DemoServerCertificate(DemoMode demo, string contentRoot)
    {
        var file = demo.Options.ResolveCertificatePath(contentRoot);
        if (!File.Exists(file)) return null;
        using var withKey = X509CertificateLoader.LoadPkcs12FromFile(file, null);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    /// <summary>The certificates in a PEM file, or why it cannot be used.</summary>
    public static (X509Certificate2Collection Certificates, string? Error) ReadPem(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (certificates, $"cannot be read as PEM certificates ({e.Message})");
        }

        return certificates.Count == 0 ? (certificates, "holds no certificate") : (certificates, null);
    }
}
