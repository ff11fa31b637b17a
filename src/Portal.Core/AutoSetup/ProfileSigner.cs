using Microsoft.Extensions.Hosting;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Portal.Core.AutoSetup;

/// <summary>
/// Signs settings profiles (CMS SignedData with the profile inside, as Apple devices expect) when
/// AutoSetup:ProfileSigningCertificateFile is configured; without one, profiles go out unsigned.
/// </summary>
public sealed class ProfileSigner : IDisposable
{
    private readonly ProfileSigningCertificate? _certificate;

    public ProfileSigner(IOptions<AutoSetupOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        // The options validator has already stopped start-up if the configured file cannot sign.
        _certificate = ProfileSigningCertificate.Read(options.Value, environment.ContentRootPath, time.GetUtcNow()).Certificate;
    }

    public bool Signs => _certificate is not null;

    public byte[] Sign(byte[] profile)
    {
        if (_certificate is null) return profile;
        var signed = new SignedCms(new ContentInfo(profile), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, _certificate.Signer) { IncludeOption = X509IncludeOption.EndCertOnly };
        signer.Certificates.AddRange(_certificate.Chain);
        signed.ComputeSignature(signer, silent: true);
        return signed.Encode();
    }

    public void Dispose() => _certificate?.Dispose();
}
