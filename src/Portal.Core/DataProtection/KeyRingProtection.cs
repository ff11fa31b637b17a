using System.Data.Common;
using System.Xml.Linq;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    DatabaseKeyStore store, KeyProtectionCertificates certificates, IOptions<KeyProtectionOptions> options, IServiceProvider services, TimeProvider time,
    ILoggerFactory logs, ILogger<KeyRingProtection> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificates.Current is null && options.Value.InsecureStoreKeysUnencrypted)
        {
            logger.LogWarning("DataProtection:InsecureStoreKeysUnencrypted is on: the keys that sign support links, staff sessions and antiforgery tokens " +
                              "are stored unencrypted, and anyone who reads the database can forge all three. Set DataProtection:CertificateFile.");
        }

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
        var encryptor = current is null ? null : new CertificateKeyEncryptor(current, logs);
        var decryptor = new CertificateKeyDecryptor(services);
        var unreadable = new List<string>();
        var (encrypted, moved) = (0, 0);
        var elements = rows.Select(r => (Row: r, Element: XElement.Parse(r.Xml))).ToList();
        var revocations = KeyRevocations.In(elements.Select(e => e.Element));
        foreach (var (row, key) in elements)
        {
            if (KeyStatus.Of(key, certificates, revocations) is not { } status) continue;
            switch (status.Protection)
            {
                case KeyProtection.UnknownCertificate when status.IsLive(time.GetUtcNow()):
                    unreadable.Add($"key {status.Id} (until {status.ExpiresAt:yyyy-MM-dd}) is encrypted to {string.Join(", ", status.Certificates)}");
                    break;
                case KeyProtection.Plain when encryptor is not null:
                    var plain = key.Descendants().Where(e => (bool?)e.Attribute(KeyStatus.DataProtection + "requiresEncryption") == true).ToList();
                    if (plain.Count == 0) break;
                    foreach (var element in plain) element.ReplaceWith(Encrypted(encryptor, element));
                    await store.ReplaceXmlAsync(row.Id, key, cancellationToken);
                    encrypted++;
                    break;
                case KeyProtection.PreviousCertificate when encryptor is not null:
                    foreach (var secret in key.Descendants(KeyStatus.DataProtection + "encryptedSecret").ToList())
                        secret.ReplaceWith(Encrypted(encryptor, decryptor.Decrypt(secret.Elements().Single())));
                    await store.ReplaceXmlAsync(row.Id, key, cancellationToken);
                    moved++;
                    break;
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

    /// <summary>The element as the framework itself stores an encrypted one: wrapped in encryptedSecret, naming its decryptor.</summary>
    private static XElement Encrypted(CertificateKeyEncryptor encryptor, XElement element)
    {
        var info = encryptor.Encrypt(element);
        return new XElement(KeyStatus.DataProtection + "encryptedSecret", new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement);
    }
}
