using Portal.Core.Mail;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.DemoSubmission;

namespace Portal.Core.Probe;

/// <summary>
/// Builds the probe's settings: timeouts, and the certificates to trust besides the system's: the configured PEM file,
/// and in demo mode the demo server's own self-signed certificate (made when the demo server starts).
/// </summary>
public sealed class ProbeSettingsSource(IOptions<ProbeOptions> options, DemoMode demo, IHostEnvironment environment)
{
    private ProbeSettings? _settled;

    /// <summary>Built once; in demo mode only once the demo server has made its certificate.</summary>
    public ProbeSettings Current() => _settled ?? Build();

    private ProbeSettings Build()
    {
        var o = options.Value;
        var trust = TrustedCertificates.Load(o.TrustedCertificateFile, environment.ContentRootPath);

        var complete = true;
        if (demo.IsOn)
        {
            var demoCertificate = DemoCertificate.PublicPart(demo, environment.ContentRootPath);
            complete = demoCertificate is not null;
            if (demoCertificate is not null) trust.Add(demoCertificate);
        }

        var settings = new ProbeSettings(TimeSpan.FromSeconds(o.BudgetSeconds), TimeSpan.FromSeconds(o.StepTimeoutSeconds), trust, o.DangerouslyAcceptAnyCertificateForDevelopment);
        if (complete) _settled = settings;
        return settings;
    }

}
