using System.Security.Cryptography.X509Certificates;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoSetup;

/// <summary>A signing certificate that cannot sign stops start-up, with the key and the reason named.</summary>
public sealed class ProfileSigningOptionsTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    private List<string> Problems(string? file, string? password) =>
        new ConfigurationProblemsProbe(new Dictionary<string, string?>
        {
            ["AutoSetup:ProfileSigningCertificateFile"] = file,
            ["AutoSetup:ProfileSigningCertificatePassword"] = password,
        }, _contentRoot.Path).Problems();

    private string Pfx(X509Certificate2 certificate, string name, bool withKey = true)
    {
        var path = _contentRoot.File(name);
        File.WriteAllBytes(path, withKey ? certificate.Export(X509ContentType.Pkcs12, "secret") : X509CertificateLoader.LoadCertificate(certificate.RawData).Export(X509ContentType.Pkcs12, "secret"));
        return name;
    }

    [Fact]
    public void A_good_certificate_relative_to_the_content_root_is_accepted()
    {
        using var certificate = AppleMailProfileTests.SigningCertificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        Assert.Empty(Problems(Pfx(certificate, "signing.pfx"), "secret"));
    }

    [Fact]
    public void Each_unusable_certificate_is_named_with_why()
    {
        using var good = AppleMailProfileTests.SigningCertificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var expired = AppleMailProfileTests.SigningCertificate(DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Contains(Problems("missing.pfx", null), p => p.StartsWith("AutoSetup:ProfileSigningCertificateFile: the file '", StringComparison.Ordinal) && p.EndsWith("missing.pfx' does not exist", StringComparison.Ordinal));
        Assert.Contains(Problems(Pfx(good, "wrong-password.pfx"), "not the password"), p => p.StartsWith("AutoSetup:ProfileSigningCertificateFile: ", StringComparison.Ordinal) && p.Contains("cannot be read as a PKCS#12 file", StringComparison.Ordinal));
        Assert.Contains(Problems(Pfx(good, "no-key.pfx", withKey: false), "secret"), p => p.Contains("holds no certificate with its private key", StringComparison.Ordinal));
        Assert.Contains(Problems(Pfx(expired, "expired.pfx"), "secret"), p => p.Contains("expired on", StringComparison.Ordinal));
        Assert.Contains("AutoSetup:ProfileSigningCertificatePassword: is set, but AutoSetup:ProfileSigningCertificateFile is not", Problems(null, "secret"));
    }

    public void Dispose() => _contentRoot.Dispose();
}
