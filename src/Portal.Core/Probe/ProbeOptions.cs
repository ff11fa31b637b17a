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

    public ProbeLimits Limits { get; set; } = new();

    public OtherProviderProbes OtherProviders { get; set; } = new();
}

/// <summary>The probe is a password oracle and an outbound connection maker: how much of it anyone gets.</summary>
public sealed class ProbeLimits
{
    public int PerAccount { get; set; } = 5;
    public int PerAccountWindowMinutes { get; set; } = 15;
    public int PerClientIp { get; set; } = 20;
    public int PerClientIpWindowMinutes { get; set; } = 60;

    /// <summary>Simultaneous probes of the ISP's own server per web node (other providers' have their own, see <see cref="OtherProviderProbes"/>).</summary>
    public int MaxConcurrent { get; set; } = 16;

    /// <summary>How long a probe waits for a free slot before the member is told the service is busy.</summary>
    public int QueueWaitSeconds { get; set; } = 5;
}

/// <summary>Probing a host other than the ISP's own: off unless an operator turns it on.</summary>
public sealed class OtherProviderProbes
{
    public bool Enabled { get; set; }

    /// <summary>Host names that may be probed even when they resolve to private or local addresses.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>
    /// Simultaneous probes of other providers per web node, in slots of their own: a member can name a host that never
    /// answers, and those probes must not take the slots the ISP's own members need.
    /// </summary>
    public int MaxConcurrent { get; set; } = 4;

    /// <summary>Shorter than the ISP's budget (and never longer): a host nobody vouches for holds a slot for at most this long.</summary>
    public int BudgetSeconds { get; set; } = 10;
}
