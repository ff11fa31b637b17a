using System.Text.Json.Serialization;

namespace Portal.Core.Evidence;

/// <summary>What one line of evidence says about how a member's mail program sent. The wire names are what files and JSON carry.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceKind>))]
public enum EvidenceKind
{
    /// <summary>Accepted on port 25 without SMTP-AUTH: the member has not moved (known only by the envelope sender).</summary>
    [JsonStringEnumMemberName("port25-noauth")]
    Port25NoAuth,

    /// <summary>Accepted on port 25 after SMTP-AUTH: the program authenticates but still uses the old port.</summary>
    [JsonStringEnumMemberName("port25-auth")]
    Port25Auth,

    /// <summary>Accepted on a submission service (587, 465) after SMTP-AUTH: moved.</summary>
    [JsonStringEnumMemberName("submission-auth")]
    SubmissionAuth,

    /// <summary>SMTP-AUTH failed, on any service: often a program half set up (right port, wrong password or user name).</summary>
    [JsonStringEnumMemberName("auth-failed")]
    AuthFailed,
}

public static class EvidenceKinds
{
    public static IReadOnlyList<EvidenceKind> All { get; } = Enum.GetValues<EvidenceKind>();

    public static string WireName(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Port25NoAuth => "port25-noauth",
        EvidenceKind.Port25Auth => "port25-auth",
        EvidenceKind.SubmissionAuth => "submission-auth",
        EvidenceKind.AuthFailed => "auth-failed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParseWireName(string? name, out EvidenceKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
