namespace Portal.Core.AutoSetup;

/// <summary>One-click set-up for members' mail programs, bound from "AutoSetup".</summary>
public sealed class AutoSetupOptions
{
    public const string Section = "AutoSetup";

    /// <summary>
    /// A PKCS#12 (.pfx) file with the certificate and private key that sign the Apple settings profiles, so that
    /// iPhones and Macs show them as verified. Unset: profiles are unsigned. Relative to the content root.
    /// </summary>
    public string? ProfileSigningCertificateFile { get; set; }

    /// <summary>The password of <see cref="ProfileSigningCertificateFile"/>, if it has one.</summary>
    public string? ProfileSigningCertificatePassword { get; set; }

    /// <summary>
    /// Requests one client IP may make per minute to the one-click documents (autoconfig, Autodiscover, the profile and its
    /// page). A program setting itself up asks a handful of times; an ISP whose members share addresses (CGNAT) raises it.
    /// </summary>
    public int RequestsPerClientIpPerMinute { get; set; } = 60;
}
