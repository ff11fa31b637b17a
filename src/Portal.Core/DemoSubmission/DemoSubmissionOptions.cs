using System.Net;
using System.Net.Mail;

namespace Portal.Core.DemoSubmission;

/// <summary>Settings of the demo SMTP submission server, bound from the "Demo" section.</summary>
public sealed class DemoSubmissionOptions
{
    public const string SectionName = "Demo";

    /// <summary>null means "decide automatically"; the decision is made by the caller, not here.</summary>
    public bool? Enabled { get; set; }

    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 2587;

    /// <summary>A second listener with TLS from the first byte, like port 465; 0 turns it off.</summary>
    public int ImplicitTlsPort { get; set; } = 2465;

    public string AccountAddress { get; set; } = "demo@example.jp";

    public string AccountPassword { get; set; } = "demo-587-pass";

    /// <summary>PFX path; relative paths are resolved against the content root.</summary>
    public string CertificateFile { get; set; } = "App_Data/demo-submission.pfx";

    public string ResolveCertificatePath(string contentRootPath) =>
        Path.GetFullPath(CertificateFile, contentRootPath);

    /// <summary>Returns one message per invalid setting, each starting with its configuration key.</summary>
    public static IReadOnlyList<string> Validate(DemoSubmissionOptions options)
    {
        var failures = new List<string>();

        // Loopback only: the account and password are public knowledge, so the server must not be reachable from other hosts.
        if (!IPAddress.TryParse(options.Address, out var address) || !IPAddress.IsLoopback(address))
        {
            failures.Add($"{SectionName}:{nameof(Address)}: must be a loopback IP address such as 127.0.0.1 or ::1 (was '{options.Address}')");
        }

        if (options.Port is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort)
        {
            failures.Add($"{SectionName}:{nameof(Port)}: must be between 1 and 65535 (was {options.Port})");
        }

        if (options.ImplicitTlsPort is < 0 or > IPEndPoint.MaxPort || (options.ImplicitTlsPort != 0 && options.ImplicitTlsPort == options.Port))
        {
            failures.Add($"{SectionName}:{nameof(ImplicitTlsPort)}: must be 0 (off) or a port between 1 and 65535 other than Demo:Port (was {options.ImplicitTlsPort})");
        }

        if (!MailAddress.TryCreate(options.AccountAddress, out var account) || account.Address != options.AccountAddress)
        {
            failures.Add($"{SectionName}:{nameof(AccountAddress)}: must be a bare e-mail address such as demo@example.jp (was '{options.AccountAddress}')");
        }

        // The value is deliberately not echoed: messages end up in logs.
        if (string.IsNullOrEmpty(options.AccountPassword))
        {
            failures.Add($"{SectionName}:{nameof(AccountPassword)}: must not be empty");
        }

        if (string.IsNullOrWhiteSpace(options.CertificateFile))
        {
            failures.Add($"{SectionName}:{nameof(CertificateFile)}: must not be empty");
        }

        return failures;
    }
}
