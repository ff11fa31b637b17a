using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.DataProtection;

/// <summary>
/// Refuses to start a node that could not read the shared key ring: one with an encrypted live key whose certificate it
/// lacks would quietly make a new key of its own, unencrypted or not, and every node would start using it.
/// Registered after the migrations. A database that cannot be read yet skips the check (the node must start to report it).
/// </summary>
public sealed class KeyRingCheck(DatabaseKeyStore store, KeyProtectionCertificates certificates, TimeProvider time, ILogger<KeyRingCheck> logger) : IHostedService
{
    private static readonly XNamespace Signature = "http://www.w3.org/2000/09/xmldsig#";
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var known = certificates.All.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        var unreadable = new List<string>();
        IReadOnlyList<StoredKey> rows;
        try
        {
            rows = await store.ListAsync(cancellationToken);
        }
        catch (DbException e)
        {
            // A database that is away or not migrated yet shows in /healthz; the node starts so that it can say so.
            logger.LogWarning("The Data Protection key ring could not be checked at start-up: {Reason}", e.Message);
            return;
        }

        foreach (var row in rows)
        {
            var key = XElement.Parse(row.Xml);
            var expires = DateTimeOffset.TryParse((string?)key.Element("expirationDate"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : DateTimeOffset.MaxValue;
            if (expires <= now || key.Descendants(DataProtection + "encryptedSecret").FirstOrDefault() is not { } secret) continue;
            var named = secret.Descendants(Signature + "X509Certificate")
                .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.Value.Trim())))
                .ToList();
            if (!named.Any(c => known.Contains(c.Thumbprint)))
                unreadable.Add($"key {(string?)key.Attribute("id")} (until {expires:yyyy-MM-dd}) is encrypted to {string.Join(", ", named.Select(c => $"'{c.Subject}' ({c.Thumbprint})"))}");
            foreach (var certificate in named) certificate.Dispose();
        }

        if (unreadable.Count > 0)
        {
            throw new PortalStartupException(
                "This node cannot read the Data Protection keys the other nodes use: configure the certificate as " +
                $"DataProtection:CertificateFile or under DataProtection:PreviousCertificates.{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", unreadable)}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
