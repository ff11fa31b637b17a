namespace Portal.Core.Members;

/// <summary>A Members row as Dapper reads it (status as its number); every feature that reads members goes through this.</summary>
internal class MemberRecord
{
    public long Id { get; init; }
    public string Account { get; init; } = "";
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Program { get; init; }
    public string Language { get; init; } = "";
    public int Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public Member ToMember() => new(Id, Account, Email, Name, Program, Language, (MemberStatus)Status, CreatedAt, UpdatedAt);
}
