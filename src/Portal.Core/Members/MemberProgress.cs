using Portal.Core.CheckMail;
using Portal.Core.Probe;

namespace Portal.Core.Members;

/// <summary>
/// Puts what members do on their own (a probe, a check message, a support link opened) on their timeline, when the
/// account or address is a known member's; it never holds a password.
/// </summary>
public sealed class MemberProgress(MemberStore members)
{
    public async Task ProbedAsync(string account, StoredProbe probe, CancellationToken cancellationToken)
    {
        if (await members.FindByAddressAsync(account, cancellationToken) is not { } member) return;
        var passed = probe.Report.Verdict is ProbeVerdict.Pass or ProbeVerdict.Warn;
        await members.RecordAsync(member.Id, MemberEventKinds.Probe,
            $"{probe.Report.Verdict.ToString().ToLowerInvariant()}, {probe.Report.Diagnosis} ({probe.Host}:{probe.Port}; /test/r/{probe.Code})",
            passed ? MemberStatus.ProbePassed : null, cancellationToken);
    }

    public async Task CheckedAsync(string? fromAddress, TraceAnalysis analysis, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fromAddress) || await members.FindByAddressAsync(fromAddress, cancellationToken) is not { } member) return;
        await members.RecordAsync(member.Id, MemberEventKinds.CheckMail, $"{analysis.Verdict}: {analysis.Reason}{(analysis.Client is null ? "" : $" ({analysis.Client})")}",
            analysis.Verdict == TraceVerdict.AllSet ? MemberStatus.ProgramVerified : null, cancellationToken);
    }
}
