using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Core.Mail;

/// <summary>
/// Validates the server's certificate the normal way, and also against the configured extra trust anchors
/// (an ISP's internal CA); accepting anything is a separate development-only switch.
/// </summary>
internal sealed class CertificateCheck(X509Certificate2Collection extraTrust, bool acceptAnyForDevelopment)
{
    /// <summary>What is reported of the certificate the server presented, once it has presented one.</summary>
    public SeenCertificate? Seen { get; private set; }

    /// <summary>Why the certificate was refused, in words; null while it is acceptable.</summary>
    public string? Refusal { get; private set; }

    public bool AcceptedWithoutChecking { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Refusal = "the server sent no certificate";
            return false;
        }

        // The handshake's own certificate is read where it is: a parsed copy of it cost more than the rest of the check.
        using var copy = certificate is X509Certificate2 ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var presented = copy ?? (X509Certificate2)certificate;
        Seen = new SeenCertificate(presented.GetNameInfo(X509NameType.DnsName, false), presented.NotAfter);
        if (errors == SslPolicyErrors.None) return true;

        if (acceptAnyForDevelopment)
        {
            AcceptedWithoutChecking = true;
            return true;
        }

        // Only a chain problem can be cured by an extra trust anchor; a wrong host name never is.
        if (errors == SslPolicyErrors.RemoteCertificateChainErrors && extraTrust.Count > 0 && ChainsToExtraTrust(presented, chain))
            return true;

        Refusal = Describe(errors, Seen);
        return false;
    }

    private bool ChainsToExtraTrust(X509Certificate2 certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(extraTrust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        return chain.Build(certificate);
    }

    private static string Describe(SslPolicyErrors errors, SeenCertificate certificate)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            reasons.Add($"it is for {certificate.Name}, not for this server name");
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            reasons.Add(certificate.NotAfter < DateTime.Now ? $"it expired on {certificate.NotAfter:yyyy-MM-dd}" : "it is not issued by a trusted authority");
        return string.Join("; ", reasons);
    }
}

/// <summary>The name a server's certificate is for and when it expires (local time, as X509Certificate2 gives it).</summary>
internal sealed record SeenCertificate(string Name, DateTime NotAfter);
