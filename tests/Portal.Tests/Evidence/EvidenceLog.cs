using System.Text;
using Portal.Core.Evidence;

namespace Portal.Tests.Evidence;

/// <summary>Reads log lines written in a test as one whole log.</summary>
internal static class EvidenceLog
{
    public static (List<MailEvidence> Records, EvidenceCounts Counts) Read(params string[] lines) => Read(new EvidenceOptions(), 2026, lines);

    public static (List<MailEvidence> Records, EvidenceCounts Counts) Read(EvidenceOptions options, int firstYear, params string[] lines) =>
        Read(options, ClassicYear.StartingIn(firstYear), lines);

    public static (List<MailEvidence> Records, EvidenceCounts Counts) Read(EvidenceOptions options, ClassicYear year, params string[] lines)
    {
        var log = new PostfixLog(options, year);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        var records = log.Read(stream).ToList();
        return (records, log.Counts);
    }

    public static DateTimeOffset Tokyo(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(9));
}
