using Portal.Core.Configuration;

namespace Portal.Core.Evidence;

/// <summary>How a name from the log is looked for among the members.</summary>
public enum EvidenceMatch
{
    /// <summary>A user name where members sign in with their address: a member's account, else their address.</summary>
    AccountOrEmail = 0,

    /// <summary>A user name where members sign in with the local part: a member's account.</summary>
    Account = 1,

    /// <summary>An envelope sender: a member's address only (anyone can write any sender).</summary>
    Email = 2,

    /// <summary>Nothing names anyone: counted as not matched.</summary>
    Nobody = 3,
}

/// <summary>One tally line: how often a name did one thing on one day, and when first and last.</summary>
public sealed record EvidenceTallyLine(string? Name, EvidenceMatch Match, EvidenceKind Kind, DateOnly Day, long Count, DateTimeOffset FirstAt, DateTimeOffset LastAt);

/// <summary>
/// Records of a chunk of log added up in memory per name, kind and day (the ISP's day, in <c>Schedule:TimeZone</c>), so
/// that a chunk is written in one transaction of a few statements whatever its size. Only what is stored is kept: the
/// name to look for, the counts and the first and last time; no address, queue id, recipient or line.
/// </summary>
public sealed class EvidenceTally(UserNameFormat userNames, TimeZoneInfo dayZone, DateOnly oldestDay)
{
    /// <summary>Longer than any member's account or address column: such a name is counted as not matched.</summary>
    public const int MaxNameLength = 320;

    private readonly Dictionary<(string? Name, EvidenceMatch Match, EvidenceKind Kind, DateOnly Day), Totals> _lines = [];
    private readonly long[] _records = new long[EvidenceKinds.All.Count];

    /// <summary>The first day counted; older records are left out (housekeeping would erase them).</summary>
    public DateOnly OldestDay => oldestDay;

    public bool IsEmpty => _lines.Count == 0;

    /// <summary>Records added since the last <see cref="Clear"/>, per kind.</summary>
    public long Records(EvidenceKind kind) => _records[(int)kind];

    public IEnumerable<EvidenceTallyLine> Lines =>
        _lines.Select(l => new EvidenceTallyLine(l.Key.Name, l.Key.Match, l.Key.Kind, l.Key.Day, l.Value.Count, l.Value.FirstAt, l.Value.LastAt));

    /// <summary>Adds a record; false (and nothing added) when its day is older than <see cref="OldestDay"/>.</summary>
    public bool Add(MailEvidence record)
    {
        var day = DayOf(record.Time);
        if (day < oldestDay) return false;
        var (name, match) = NameOf(record);
        var key = (name, match, record.Kind, day);
        if (_lines.TryGetValue(key, out var totals))
        {
            totals.Count++;
            if (record.Time < totals.FirstAt) totals.FirstAt = record.Time;
            if (record.Time > totals.LastAt) totals.LastAt = record.Time;
        }
        else
        {
            _lines[key] = new Totals { Count = 1, FirstAt = record.Time, LastAt = record.Time };
        }

        _records[(int)record.Kind]++;
        return true;
    }

    public void Clear()
    {
        _lines.Clear();
        Array.Clear(_records);
    }

    public DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, dayZone).DateTime);

    /// <summary>
    /// The name to look for and how: a login or a name tried by the ISP's user-name rule (<c>Isp:UserNameFormat</c>: the
    /// whole address, or its local part where members sign in with that), a sender by address only.
    /// </summary>
    public (string? Name, EvidenceMatch Match) NameOf(MailEvidence record)
    {
        if (string.IsNullOrEmpty(record.Who) || record.IdentifiedBy == EvidenceIdentity.None) return (null, EvidenceMatch.Nobody);
        var (name, match) = record.IdentifiedBy switch
        {
            EvidenceIdentity.SenderAddress => (record.Who, EvidenceMatch.Email),
            _ when userNames == UserNameFormat.LocalPart => (userNames.UserNameFor(record.Who), EvidenceMatch.Account),
            _ => (record.Who, EvidenceMatch.AccountOrEmail),
        };
        return name.Length is 0 or > MaxNameLength ? (null, EvidenceMatch.Nobody) : (name, match);
    }

    private sealed class Totals
    {
        public long Count;
        public DateTimeOffset FirstAt;
        public DateTimeOffset LastAt;
    }
}
