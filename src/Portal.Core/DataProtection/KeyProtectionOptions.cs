namespace Portal.Core.DataProtection;

/// <summary>
/// How the Data Protection keys (which sign support links, antiforgery tokens and staff sessions) are protected in the
/// database, bound from "DataProtection". Without a certificate they are stored as plain XML, and anyone who can read
/// the database can forge all three: outside Development that is refused unless <see cref="InsecureStoreKeysUnencrypted"/>.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key: new keys are encrypted to it. Relative to the content root.</summary>
    public string? CertificateFile { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates used before <see cref="CertificateFile"/>: keys encrypted to them stay readable after a rotation.</summary>
    public List<KeyCertificateFile> PreviousCertificates { get; set; } = [];

    /// <summary>
    /// Outside Development, run without <see cref="CertificateFile"/>, keys in plain XML: a deliberate choice, named so that
    /// nobody makes it by accident, and warned about at every start.
    /// </summary>
    public bool InsecureStoreKeysUnencrypted { get; set; }
}

public sealed class KeyCertificateFile
{
    public string? File { get; set; }

    public string? Password { get; set; }
}
