using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Core.DemoSubmission;

/// <summary>The self-signed TLS certificate of the demo submission server, kept in a PFX file.</summary>
public static class DemoCertificate
{
    /// <summary>The demo server's certificate without its key (for clients to trust), or null until the demo server has made it.</summary>
    public static X509Certificate2? PublicPart(DemoMode demo, string contentRoot)
    {
        var file = demo.Options.ResolveCertificatePath(contentRoot);
        if (!File.Exists(file)) return null;
        using var withKey = X509CertificateLoader.LoadPkcs12FromFile(file, null);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(730);

    /// <summary>
    /// Returns the certificate stored at <paramref name="pfxPath"/>, or generates and stores a new one when
    /// the file is missing or expires within 30 days. A file that cannot be read is never overwritten.
    /// </summary>
    public static async Task<X509Certificate2> LoadOrCreateAsync(string pfxPath, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;

        if (File.Exists(pfxPath))
        {
            var existing = await LoadAsync(pfxPath, cancellationToken);
            if (existing.NotBefore.ToUniversalTime() <= now.UtcDateTime
                && existing.NotAfter.ToUniversalTime() > (now + RenewBefore).UtcDateTime)
            {
                return existing;
            }

            existing.Dispose();
        }

        var pfx = Generate(now);
        await WriteAtomicallyAsync(pfxPath, pfx, cancellationToken);

        // Reloading from PFX (rather than returning the generated instance) gives a key that SslStream can use on every OS.
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    private static async Task<X509Certificate2> LoadAsync(string pfxPath, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(pfxPath, cancellationToken);
            var certificate = X509CertificateLoader.LoadPkcs12(bytes, password: null);
            if (certificate.HasPrivateKey)
            {
                return certificate;
            }

            certificate.Dispose();
            throw Unusable(pfxPath, "it contains no private key");
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Unusable(pfxPath, ex.Message, ex);
        }
    }

    private static PortalStartupException Unusable(string pfxPath, string reason, Exception? inner = null) =>
        new($"The demo submission certificate file '{pfxPath}' cannot be used ({reason}). "
            + "Delete the file to have a new self-signed certificate generated at the next start.", inner);

    private static byte[] Generate(DateTimeOffset now)
    {
        // RSA rather than ECDSA: older mail clients that a demo may be tried with do not all accept ECDSA server keys.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));

        // Backdated a little so that clients with a slightly slow clock accept it immediately.
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);
        return certificate.Export(X509ContentType.Pkcs12);
    }

    private static async Task WriteAtomicallyAsync(string pfxPath, byte[] pfx, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(pfxPath))!;
        Directory.CreateDirectory(directory);

        var tempPath = Path.Combine(directory, $".{Path.GetFileName(pfxPath)}.{Guid.NewGuid():N}.tmp");
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            // The file holds an unencrypted private key.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(tempPath, fileOptions))
            {
                await stream.WriteAsync(pfx, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(tempPath, pfxPath, overwrite: true);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }
}
