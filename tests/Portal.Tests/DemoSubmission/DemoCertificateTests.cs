using Portal.Core;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Portal.Core.DemoSubmission;

namespace Portal.Tests.DemoSubmission;

public sealed class DemoCertificateTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("demo-cert-");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    private string PfxPath => Path.Combine(_directory.FullName, "App_Data", "demo-submission.pfx");

    public void Dispose()
    {
        _directory.Delete(recursive: true);
        _timeout.Dispose();
    }

    [Fact]
    public async Task Generates_a_localhost_server_certificate_once_and_reuses_it()
    {
        using var first = await DemoCertificate.LoadOrCreateAsync(PfxPath, Ct);
        using var second = await DemoCertificate.LoadOrCreateAsync(PfxPath, Ct);

        Assert.True(File.Exists(PfxPath));
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(second.HasPrivateKey);
        Assert.Equal("CN=localhost", first.Subject);
        Assert.InRange(first.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(729), DateTime.UtcNow.AddDays(731));

        var names = first.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.EnumerateIPAddresses());
        var usages = first.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], usages.Cast<Oid>().Select(oid => oid.Value));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(PfxPath)!, "*.tmp"));
    }

    [Fact]
    public async Task A_corrupt_file_gives_a_message_naming_the_file_and_is_left_alone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PfxPath)!);
        byte[] garbage = [1, 2, 3, 4, 5];
        await File.WriteAllBytesAsync(PfxPath, garbage, Ct);

        var error = await Assert.ThrowsAsync<PortalStartupException>(() => DemoCertificate.LoadOrCreateAsync(PfxPath, Ct));

        Assert.Contains(PfxPath, error.Message);
        Assert.Contains("Delete the file", error.Message);
        Assert.IsAssignableFrom<CryptographicException>(error.InnerException);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(PfxPath, Ct));
    }

    [Fact]
    public async Task A_certificate_expiring_within_30_days_is_replaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PfxPath)!);
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var expiring = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-700), DateTimeOffset.UtcNow.AddDays(10));
            await File.WriteAllBytesAsync(PfxPath, expiring.Export(X509ContentType.Pkcs12), Ct);
        }

        using var renewed = await DemoCertificate.LoadOrCreateAsync(PfxPath, Ct);
        using var reloaded = await DemoCertificate.LoadOrCreateAsync(PfxPath, Ct);

        Assert.True(renewed.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(365));
        Assert.Equal(renewed.Thumbprint, reloaded.Thumbprint);
    }
}
