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
}
