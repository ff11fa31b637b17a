namespace Portal.Core.Members;

/// <summary>How far a member has come; it only ever rises.</summary>
public enum MemberStatus
{
    NotContacted = 0,
    Emailed = 1,
    LinkOpened = 2,
    ProbePassed = 3,
    ProgramVerified = 4,
}

public sealed record Member(long Id, string Account, string Email, string Name, string? Program, string Language, MemberStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One member as a CSV row gives them.</summary>
public sealed record MemberRow(string Account, string Email, string Name, string? Program, string Language);

public sealed record MemberEvent(string Kind, string Detail, DateTimeOffset At);

public static class MemberEventKinds
{
    public const string Imported = "imported";
    public const string Emailed = "emailed";
    public const string LinkOpened = "link-opened";
    public const string Probe = "probe";
    public const string CheckMail = "check-mail";
}
