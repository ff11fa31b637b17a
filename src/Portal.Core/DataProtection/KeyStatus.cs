using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;

namespace Portal.Core.DataProtection;

public enum KeyProtection
{
    /// <summary>Stored as plain XML: whoever reads the table can sign with it.</summary>
    Plain,

    /// <summary>Encrypted to DataProtection:CertificateFile.</summary>
    CurrentCertificate,

    /// <summary>Encrypted to one of DataProtection:PreviousCertificates: readable, moved to the current one at a node's next start.</summary>
    PreviousCertificate,

    /// <summary>Encrypted to a certificate this node does not have.</summary>
    UnknownCertificate,
}

/// <summary>One stored key as an operator sees it: its id, its lifetime, whether it is revoked, and how it is protected.</summary>
public sealed record KeyStatus(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Revoked, KeyProtection Protection, IReadOnlyList<string> Certificates)
{
    private static readonly XNamespace Signature = "http://www.w3.org/2000/09/xmldsig#";
    internal static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Still able to sign and verify: not expired and not revoked.</summary>
    public bool IsLive(DateTimeOffset now) => !Revoked && ExpiresAt > now;

    /// <summary>
    /// Reads a stored key element (the framework's format) against the configured certificates and the revocations the
    /// table holds; null for an element that is not a key (a revocation).
    /// </summary>
    public static KeyStatus? Of(XElement element, KeyProtectionCertificates certificates, KeyRevocations revocations)
    {
        if (element.Name != "key") return null;
        var secrets = element.Descendants(DataProtection + "encryptedSecret").ToList();
        var named = secrets.SelectMany(s => s.Descendants(Signature + "X509Certificate"))
            .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.Value.Trim()))).ToList();
        try
        {
            var thumbprints = named.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var protection = secrets.Count == 0 ? KeyProtection.Plain
                : certificates.Current is { } current && thumbprints.Contains(current.Thumbprint) ? KeyProtection.CurrentCertificate
                : certificates.All.Any(c => thumbprints.Contains(c.Thumbprint)) ? KeyProtection.PreviousCertificate
                : KeyProtection.UnknownCertificate;
            var id = (string?)element.Attribute("id") ?? "?";
            var created = Date(element, "creationDate") ?? DateTimeOffset.MinValue;
            return new KeyStatus(id, created, Date(element, "expirationDate") ?? DateTimeOffset.MaxValue, revocations.Revoke(id, created),
                protection, named.Select(c => $"'{c.Subject}' ({c.Thumbprint})").ToList());
        }
        finally
        {
            foreach (var certificate in named) certificate.Dispose();
        }
    }

    internal static DateTimeOffset? Date(XElement element, string name) =>
        DateTimeOffset.TryParse((string?)element.Element(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
}

/// <summary>
/// The revocation elements the framework stores beside the keys: one names a key id, or "*" for every key created up
/// to its revocation date.
/// </summary>
public sealed record KeyRevocations(int Count, IReadOnlySet<string> Ids, DateTimeOffset? AllCreatedUpTo)
{
    public static KeyRevocations In(IEnumerable<XElement> elements)
    {
        var revocations = elements.Where(e => e.Name == "revocation").ToList();
        var ids = revocations.Select(r => (string?)r.Element("key")?.Attribute("id")).OfType<string>().Where(id => id != "*").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var all = revocations.Where(r => (string?)r.Element("key")?.Attribute("id") == "*").Select(r => KeyStatus.Date(r, "revocationDate")).Max();
        return new KeyRevocations(revocations.Count, ids, all);
    }

    public bool Revoke(string id, DateTimeOffset createdAt) => Ids.Contains(id) || createdAt <= AllCreatedUpTo;
}
