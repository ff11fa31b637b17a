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
    public ProbeSettings Current()
    {
        var o = options.Value;
        var trust = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(o.TrustedCertificateFile))
            trust.AddRange(ReadPem(Path.GetFullPath(o.TrustedCertificateFile, environment.ContentRootPath)).Certificates);

        if (demo.IsOn)
        {
            var demoFile = demo.Options.ResolveCertificatePath(environment.ContentRootPath);
            if (File.Exists(demoFile)) trust.Add(X509CertificateLoader.LoadCertificate(X509CertificateLoader.LoadPkcs12FromFile(demoFile, null).RawData));
        }

        return new ProbeSettings(TimeSpan.FromSeconds(o.BudgetSeconds), TimeSpan.FromSeconds(o.StepTimeoutSeconds), trust, o.DangerouslyAcceptAnyCertificateForDevelopment);
    }

    /// <summary>The certificates in a PEM file, or why it cannot be used.</summary>
    internal static (X509Certificate2Collection Certificates, string? Error) ReadPem(string path)
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
