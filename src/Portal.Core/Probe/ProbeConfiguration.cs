using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Core.Probe;

/// <summary>
/// The three settings sections a probe uses (Isp, Demo, Submission), bound and checked as the site checks them at
/// start-up, and the probe's pieces made from them: no service container, and no reflection (the binding is generated
/// at build time, so the Native AOT build binds the same properties).
/// </summary>
internal sealed record ProbeConfiguration(IspAccountProbe Accounts, ProbeSettingsSource Settings, DemoMode Demo)
{
    /// <summary>The pieces, or every problem with the settings (a value that is not a number, a missing file, ...).</summary>
    public static (ProbeConfiguration? Configuration, IReadOnlyList<string> Problems) Read(CommandLineSettings settings)
    {
        IspOptions isp;
        DemoSubmissionOptions demo;
        ProbeOptions probe;
        try
        {
            var c = settings.Configuration;
            isp = c.GetSection(IspOptions.Section).Get<IspOptions>() ?? new();
            demo = c.GetSection(DemoSubmissionOptions.SectionName).Get<DemoSubmissionOptions>() ?? new();
            probe = c.GetSection(ProbeOptions.Section).Get<ProbeOptions>() ?? new();
        }
        catch (InvalidOperationException e)
        {
            // "Failed to convert configuration value '...' at 'Submission:BudgetSeconds' to type 'System.Int32'."
            return (null, [e.Message]);
        }

        List<string> problems =
        [
            .. Failures(new IspOptionsValidator().Validate(null, isp)),
            .. Failures(new DemoSubmissionOptionsValidator().Validate(null, demo)),
            .. Failures(new ProbeOptionsValidator(settings.Environment).Validate(null, probe)),
        ];
        if (problems.Count > 0) return (null, problems);

        var (ispOptions, probeOptions) = (Options.Create(isp), Options.Create(probe));
        var demoMode = new DemoMode(Options.Create(demo), ispOptions);
        return (new ProbeConfiguration(new IspAccountProbe(ispOptions, probeOptions, demoMode), new ProbeSettingsSource(probeOptions, demoMode, settings.Environment), demoMode), []);
    }

    private static IEnumerable<string> Failures(ValidateOptionsResult result) => result.Failed ? result.Failures ?? [] : [];
}
