namespace Portal.Core.Probe;

/// <summary>How probes of the submission server run, bound from the "Submission" section.</summary>
public sealed class ProbeOptions
{
    public const string Section = "Submission";

    /// <summary>The whole probe must end within this many seconds, whatever the server does.</summary>
    public int BudgetSeconds { get; set; } = 20;

    /// <summary>Each network step (connect, each reply) must complete within this many seconds.</summary>
    public int StepTimeoutSeconds { get; set; } = 8;

    /// <summary>The RCPT TO address tried after MAIL FROM (then RSET: nothing is sent). Empty: postmaster at the ISP's domain.</summary>
    public string? Recipient { get; set; }

    /// <summary>A PEM file of extra certificates to trust (an ISP's internal CA), in addition to the system's.</summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>Accept any server certificate. Development only: it makes the TLS check meaningless.</summary>
    public bool DangerouslyAcceptAnyCertificateForDevelopment { get; set; }

    /// <summary>Days a probe result (without any password) is kept for support.</summary>
    public int ResultDays { get; set; } = 14;
}
