using System.Text.Json.Serialization;

namespace Portal.Core.Evidence;

/// <summary>What a member's evidence over the days kept says, in one word for support staff and scripts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceVerdict>))]
public enum EvidenceVerdict
{
    /// <summary>No mail from the member in the log over the days kept.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Submission with SMTP-AUTH, and nothing on port 25 since the first of it.</summary>
    [JsonStringEnumMemberName("moved")]
    Moved,

    /// <summary>Submission with SMTP-AUTH, and port 25 still after it: another program or device has not moved.</summary>
    [JsonStringEnumMemberName("both")]
    Both,

    /// <summary>Port 25 only (with or without SMTP-AUTH).</summary>
    [JsonStringEnumMemberName("not-moved")]
    NotMoved,

    /// <summary>Only failed sign-ins: a program half set up (a wrong user name or password).</summary>
    [JsonStringEnumMemberName("sign-in-failing")]
    SignInFailing,
}

public static class EvidenceVerdicts
{
    public static EvidenceVerdict Of(IReadOnlyList<EvidenceSummary> evidence)
    {
        var submission = evidence.FirstOrDefault(e => e.Kind == EvidenceKind.SubmissionAuth);
        var lastPort25 = evidence.Where(e => e.Kind is EvidenceKind.Port25NoAuth or EvidenceKind.Port25Auth).Select(e => (DateTimeOffset?)e.LastAt).Max();
        if (submission is not null) return lastPort25 is { } last && last >= submission.FirstAt ? EvidenceVerdict.Both : EvidenceVerdict.Moved;
        if (lastPort25 is not null) return EvidenceVerdict.NotMoved;
        return evidence.Any(e => e.Kind == EvidenceKind.AuthFailed) ? EvidenceVerdict.SignInFailing : EvidenceVerdict.None;
    }

    public static string WireName(this EvidenceVerdict verdict) => verdict switch
    {
        EvidenceVerdict.None => "none",
        EvidenceVerdict.Moved => "moved",
        EvidenceVerdict.Both => "both",
        EvidenceVerdict.NotMoved => "not-moved",
        EvidenceVerdict.SignInFailing => "sign-in-failing",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
