using System.Data.Common;
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
            Localization.SaidDetail.Say("probe", probe.Report.Verdict.ToString().ToLowerInvariant(), probe.Report.Diagnosis, probe.Host,
                probe.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), probe.Code),
            passed ? MemberStatus.ProbePassed : null, cancellationToken);
    }

    /// <summary>
    /// Which member a check message speaks for, and what goes on their timeline; null when it is nobody's. The member is
    /// the account our server says signed in; only then does an all-set message verify their program. Without a recorded
    /// sign-in (port 25) the From line is all there is: it goes on that member's timeline, as their word, and verifies
    /// nothing. A From line naming someone other than the account that signed in is ignored.
    /// </summary>
    public async Task<MemberCheck?> CheckOfAsync(string? fromAddress, TraceAnalysis analysis, CancellationToken cancellationToken)
    {
        var signedIn = analysis.AuthenticatedUser is { Length: > 0 } user ? await members.FindByAddressAsync(user, cancellationToken) : null;
        var member = analysis.AuthenticatedUser is { Length: > 0 } ? signedIn
            : string.IsNullOrWhiteSpace(fromAddress) ? null : await members.FindByAddressAsync(fromAddress, cancellationToken);
        if (member is null) return null;
        var detail = Localization.SaidDetail.Say(signedIn is not null ? "check-signed-in" : "check-from", analysis.Verdict.ToString(), analysis.Reason,
            analysis.Program ?? "", signedIn is not null ? analysis.AuthenticatedUser! : fromAddress ?? "");
        return new MemberCheck(member.Id, detail,
            analysis.Verdict == TraceVerdict.AllSet && signedIn is not null ? MemberStatus.ProgramVerified : null);
    }

    /// <summary>Records the check on the member's timeline, in the caller's transaction (the one that used up the code).</summary>
    public Task RecordCheckAsync(DbTransaction within, MemberCheck check, CancellationToken cancellationToken) =>
        members.RecordWithinAsync(within, check.MemberId, MemberEventKinds.CheckMail, check.Detail, check.Reached, cancellationToken);
}

public sealed record MemberCheck(long MemberId, string Detail, MemberStatus? Reached);
