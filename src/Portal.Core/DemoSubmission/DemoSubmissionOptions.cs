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
}
