using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.DataProtection;

/// <summary>The certificates of <see cref="KeyProtectionOptions"/>, read once: the current one encrypts new keys, all of them decrypt.</summary>
public sealed class KeyProtectionCertificates : IDisposable
{
    private readonly Lazy<(X509Certificate2? Current, IReadOnlyList<X509Certificate2> All)> _certificates;

    public KeyProtectionCertificates(IOptions<KeyProtectionOptions> options, IHostEnvironment environment)
    {
        _certificates = new(() =>
        {
            var o = options.Value;
            var current = string.IsNullOrWhiteSpace(o.CertificateFile) ? null : Load(o.CertificateFile, o.CertificatePassword, environment.ContentRootPath);
            var previous = o.PreviousCertificates.Where(p => !string.IsNullOrWhiteSpace(p.File)).Select(p => Load(p.File!, p.Password, environment.ContentRootPath));
            return (current, (current is null ? previous : previous.Prepend(current)).ToList());
        });
    }

    /// <summary>The certificate new keys are encrypted to; null when keys are stored unencrypted.</summary>
    public X509Certificate2? Current => _certificates.Value.Current;

    public IReadOnlyList<X509Certificate2> All => _certificates.Value.All;

    /// <summary>Why this file cannot protect keys, or null when it can.</summary>
    public static string? Problem(string file, string? password, string contentRoot)
    {
        try
        {
            Load(file, password, contentRoot).Dispose();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private static X509Certificate2 Load(string file, string? password, string contentRoot)
    {
        var (all, problem) = Pkcs12File.Read(file, password, contentRoot);
        if (all is null) throw new InvalidOperationException(problem);

        // Expiry plays no part: an expired certificate still encrypts and decrypts, and refusing it would lock out every key on that day.
        var certificate = all.FirstOrDefault(HasRsaPrivateKey);
        foreach (var other in all.Where(c => !ReferenceEquals(c, certificate))) other.Dispose();
        return certificate ?? throw new InvalidOperationException($"'{Path.GetFullPath(file, contentRoot)}' holds no RSA certificate with its private key");
    }

    private static bool HasRsaPrivateKey(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey) return false;
        using var rsa = certificate.GetRSAPrivateKey();
        return rsa is not null;
    }

    public void Dispose()
    {
        if (!_certificates.IsValueCreated) return;
        foreach (var certificate in All) certificate.Dispose();
    }
}
