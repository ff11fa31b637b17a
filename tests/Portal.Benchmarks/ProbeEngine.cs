using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Probe;

namespace Portal.Benchmarks;

/// <summary>
/// The portal's probe engine alone: the same <see cref="SubmissionProbe"/>, settings and request the web page would use,
/// called in-process with no HTTP, no throttle and no result row. It splits "the probe is slower than bare MailKit"
/// into what the engine adds and what the web layer adds.
/// </summary>
internal sealed class ProbeEngine(IServiceProvider portal, string account, string password)
{
    private readonly ProbeRequest _request = portal.GetRequiredService<IspAccountProbe>().Request(account, password);
    private readonly ProbeSettingsSource _settings = portal.GetRequiredService<ProbeSettingsSource>();

    /// <summary>One probe; its duration in milliseconds, or null when it did not pass (then it measured an error path).</summary>
    public async Task<double?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var report = await new SubmissionProbe(_settings.Current(), TimeProvider.System).RunAsync(_request, null, cancellationToken);
        var ms = clock.Elapsed.TotalMilliseconds;
        return report.Verdict is ProbeVerdict.Pass or ProbeVerdict.Warn ? ms : null;
    }
}
