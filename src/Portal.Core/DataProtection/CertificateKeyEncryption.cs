using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Core.DataProtection;

/// <summary>
/// Encrypts each new key to the configured certificate with the framework's own XML encryption, and names
/// <see cref="CertificateKeyDecryptor"/> to read it back. The framework's decryptor finds certificates only in the
/// machine's certificate store or in options that must be filled while services are registered; this one takes them
/// from <see cref="KeyProtectionOptions"/> like every other setting.
/// </summary>
public sealed class CertificateKeyEncryptor(X509Certificate2 certificate, ILoggerFactory logs) : IXmlEncryptor
{
    private readonly CertificateXmlEncryptor _encryptor = new(certificate, logs);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(_encryptor.Encrypt(plaintextElement).EncryptedElement, typeof(CertificateKeyDecryptor));
}

/// <summary>Decrypts keys written by <see cref="CertificateKeyEncryptor"/> with any certificate of <see cref="KeyProtectionOptions"/>.</summary>
/// <remarks>Data Protection makes it by type name, with the service provider.</remarks>
public sealed class CertificateKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var certificates = services.GetRequiredService<KeyProtectionCertificates>().All;
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.Load(new XElement("root", encryptedElement).CreateReader());
        new WithCertificates(document, certificates).DecryptDocument();
        return XElement.Load(document.DocumentElement!.FirstChild!.CreateNavigator()!.ReadSubtree());
    }

    private sealed class WithCertificates(XmlDocument document, IReadOnlyList<X509Certificate2> certificates) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            var named = encryptedKey.KeyInfo.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates?.OfType<X509Certificate2>() ?? []).ToList();
            foreach (var certificate in certificates.Where(c => named.Any(n => n.Thumbprint == c.Thumbprint)))
            {
                using var rsa = certificate.GetRSAPrivateKey()!;
                return DecryptKey(encryptedKey.CipherData.CipherValue!, rsa, encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
            }

            throw new CryptographicException(
                $"This key is encrypted to the certificate {string.Join(", ", named.Select(n => $"'{n.Subject}' ({n.Thumbprint})"))}, which is neither " +
                "DataProtection:CertificateFile nor one of DataProtection:PreviousCertificates.");
        }
    }
}
