using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.DataProtection;

/// <summary>
/// Brings the shared key ring under DataProtection:CertificateFile before the node uses it, registered after the migrations:
/// <list type="bullet">
/// <item>a key stored in plain XML (before a certificate was set) is encrypted in place: still usable for what it
/// signed, but no longer readable in the database;</item>
/// <item>a key encrypted to a previous certificate is moved to the current one, so the previous one can be retired once
/// every node has restarted;</item>
/// <item>a node that cannot read a live key refuses to start: otherwise it would quietly make a key of its own, and every
/// node would start using it.</item>
/// </list>
/// A database that cannot be read yet is left alone: the node must start to report it in /healthz.
/// </summary>
public sealed class KeyRingProtection(
    DatabaseKeyStore store, KeyProtectionCertificates certificates, IServiceProvider services, TimeProvider time, ILoggerFactory logs, ILogger<KeyRingProtection> logger)
    : IHostedService
{
    private static readonly XNamespace Signature = "http://www.w3.org/2000/09/xmldsig#";
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredKey> rows;
        try
        {
            rows = await store.ListAsync(cancellationToken);
        }
        catch (DbException e)
        {
            logger.LogWarning("The Data Protection key ring could not be checked at start-up: {Reason}", e.Message);
            return;
        }

        var current = certificates.Current;
        var known = certificates.All.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var encryptor = current is null ? null : new CertificateKeyEncryptor(current, logs);
        var decryptor = new CertificateKeyDecryptor(services);
        var unreadable = new List<string>();
        var (encrypted, moved) = (0, 0);
        foreach (var row in rows)
        {
            var key = XElement.Parse(row.Xml);
            var secrets = key.Descendants(DataProtection + "encryptedSecret").ToList();
            if (secrets.Count == 0)
            {
                var plain = key.Descendants().Where(e => (bool?)e.Attribute(DataProtection + "requiresEncryption") == true).ToList();
                if (encryptor is null || plain.Count == 0) continue;
                foreach (var element in plain) element.ReplaceWith(Encrypted(encryptor, element));
                await store.ReplaceXmlAsync(row.Id, key, cancellationToken);
                encrypted++;
                continue;
            }

            var named = secrets.SelectMany(s => s.Descendants(Signature + "X509Certificate"))
                .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.Value.Trim()))).ToList();
            try
            {
                if (!named.Any(c => known.Contains(c.Thumbprint)))
                {
                    if (ExpiresAt(key) > time.GetUtcNow())
                        unreadable.Add($"key {(string?)key.Attribute("id")} (until {ExpiresAt(key):yyyy-MM-dd}) is encrypted to {string.Join(", ", named.Select(c => $"'{c.Subject}' ({c.Thumbprint})"))}");
                    continue;
                }

                if (encryptor is null || named.Any(c => c.Thumbprint == current!.Thumbprint)) continue;
                foreach (var secret in secrets) secret.ReplaceWith(Encrypted(encryptor, decryptor.Decrypt(secret.Elements().Single())));
                await store.ReplaceXmlAsync(row.Id, key, cancellationToken);
                moved++;
            }
            finally
            {
                foreach (var certificate in named) certificate.Dispose();
            }
        }

        if (encrypted + moved > 0)
            logger.LogInformation("Data Protection keys brought under the certificate {Thumbprint}: {Encrypted} were stored unencrypted, {Moved} were encrypted to a previous certificate",
                current!.Thumbprint, encrypted, moved);
        if (unreadable.Count > 0)
        {
            throw new PortalStartupException(
                "This node cannot read the Data Protection keys the other nodes use: configure the certificate as " +
                $"DataProtection:CertificateFile or under DataProtection:PreviousCertificates.{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", unreadable)}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static DateTimeOffset ExpiresAt(XElement key) =>
        DateTimeOffset.TryParse((string?)key.Element("expirationDate"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : DateTimeOffset.MaxValue;

    /// <summary>The element as the framework itself stores an encrypted one: wrapped in encryptedSecret, naming its decryptor.</summary>
    private static XElement Encrypted(CertificateKeyEncryptor encryptor, XElement element)
    {
        var info = encryptor.Encrypt(element);
        return new XElement(DataProtection + "encryptedSecret", new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement);
    }
}
