using System.Security.Cryptography.X509Certificates;
using Portal.Core.Configuration;

namespace Portal.Core.AutoSetup;

/// <summary>The certificate that signs Apple settings profiles, with the chain to send along, read from the configured PKCS#12 file.</summary>
public sealed class ProfileSigningCertificate(X509Certificate2 signer, X509Certificate2Collection chain) : IDisposable
{
    public X509Certificate2 Signer { get; } = signer;

    /// <summary>The other certificates in the file (intermediates): sent with each signature so devices can build the chain.</summary>
    public X509Certificate2Collection Chain { get; } = chain;

    /// <summary>The configured certificate, none when none is configured, or why the configured one cannot sign.</summary>
    public static (ProfileSigningCertificate? Certificate, string? Problem) Read(AutoSetupOptions options, string contentRoot, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(options.ProfileSigningCertificateFile)) return (null, null);
        var (all, unreadable) = Pkcs12File.Read(options.ProfileSigningCertificateFile, options.ProfileSigningCertificatePassword, contentRoot);
        if (all is null) return (null, unreadable);
        var path = Path.GetFullPath(options.ProfileSigningCertificateFile, contentRoot);

        var signer = all.FirstOrDefault(c => c.HasPrivateKey);
        var problem = signer is null ? $"'{path}' holds no certificate with its private key"
            : signer.NotAfter.ToUniversalTime() <= now.UtcDateTime ? $"the certificate '{signer.Subject}' in '{path}' expired on {signer.NotAfter.ToUniversalTime():yyyy-MM-dd}"
            : signer.NotBefore.ToUniversalTime() > now.UtcDateTime ? $"the certificate '{signer.Subject}' in '{path}' is not valid before {signer.NotBefore.ToUniversalTime():yyyy-MM-dd}"
            : null;
        if (problem is not null)
        {
            foreach (var certificate in all) certificate.Dispose();
            return (null, problem);
        }

        var chain = new X509Certificate2Collection();
        foreach (var certificate in all.Where(c => !ReferenceEquals(c, signer))) chain.Add(certificate);
        return (new ProfileSigningCertificate(signer!, chain), null);
    }

    public void Dispose()
    {
        Signer.Dispose();
        foreach (var certificate in Chain) certificate.Dispose();
    }
}
