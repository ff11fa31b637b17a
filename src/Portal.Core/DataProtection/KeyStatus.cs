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

    /// <summary>Encrypted to one of DataProtection:PreviousCertificates: readable, moved to the current one at the next start.</summary>
    PreviousCertificate,

    /// <summary>Encrypted to a certificate this node does not have.</summary>
    UnknownCertificate,
}

/// <summary>One stored key as an operator sees it: its id, its lifetime, and how it is protected.</summary>
public sealed record KeyStatus(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, KeyProtection Protection, IReadOnlyList<string> Certificates)
{
    private static readonly XNamespace Signature = "http://www.w3.org/2000/09/xmldsig#";
    internal static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public bool IsLive(DateTimeOffset now) => ExpiresAt > now;

    /// <summary>Reads a stored key element (the framework's format) against the configured certificates.</summary>
    public static KeyStatus Of(XElement key, KeyProtectionCertificates certificates)
    {
        var named = key.Descendants(DataProtection + "encryptedSecret").SelectMany(s => s.Descendants(Signature + "X509Certificate"))
            .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c.Value.Trim()))).ToList();
        try
        {
            var thumbprints = named.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var protection = !key.Descendants(DataProtection + "encryptedSecret").Any() ? KeyProtection.Plain
                : certificates.Current is { } current && thumbprints.Contains(current.Thumbprint) ? KeyProtection.CurrentCertificate
                : certificates.All.Any(c => thumbprints.Contains(c.Thumbprint)) ? KeyProtection.PreviousCertificate
                : KeyProtection.UnknownCertificate;
            return new KeyStatus((string?)key.Attribute("id") ?? "?", Date(key, "creationDate", DateTimeOffset.MinValue), Date(key, "expirationDate", DateTimeOffset.MaxValue),
                protection, named.Select(c => $"'{c.Subject}' ({c.Thumbprint})").ToList());
        }
        finally
        {
            foreach (var certificate in named) certificate.Dispose();
        }
    }

    private static DateTimeOffset Date(XElement key, string name, DateTimeOffset otherwise) =>
        DateTimeOffset.TryParse((string?)key.Element(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : otherwise;
}
