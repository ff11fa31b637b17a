using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// One certificate for Data Protection keys (DataProtection:CertificateFile), made once per test run: outside Development the
/// portal refuses to store its keys unencrypted, so every portal the tests start in Production is given this one.
/// </summary>
public static class KeyCertificate
{
    public const string Password = "key-certificate-pass";

    private static readonly Lazy<string> Made = new(() =>
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Portal tests keys", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "portal-tests", $"key-certificate-{Environment.ProcessId}")).FullName;
        var path = Path.Combine(folder, "keys.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    });

    /// <summary>The PKCS#12 file, with its private key, protected by <see cref="Password"/>.</summary>
    public static string File => Made.Value;

    /// <summary>The settings that give a portal this certificate (separator "__" for environment variables).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string separator = ":") =>
    [
        new($"DataProtection{separator}CertificateFile", File),
        new($"DataProtection{separator}CertificatePassword", Password),
    ];
}
