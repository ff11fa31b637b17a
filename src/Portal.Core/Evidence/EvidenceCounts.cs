namespace Portal.Core.Evidence;

/// <summary>What a read of the log saw: so staff can tell a quiet log from one the reader could not understand.</summary>
public sealed class EvidenceCounts
{
    private readonly long[] _records = new long[EvidenceKinds.All.Count];

    /// <summary>Every line, readable or not.</summary>
    public long LinesRead { get; internal set; }

    /// <summary>Lines that are not a readable Postfix line: garbage, cut short, too long, or another program's (counted in <see cref="LinesFromOtherPrograms"/> too).</summary>
    public long LinesUnreadable { get; internal set; }

    /// <summary>Well-formed syslog lines of programs that are not Postfix (no "name/program[pid]" tag): part of <see cref="LinesUnreadable"/>.</summary>
    public long LinesFromOtherPrograms { get; internal set; }

    /// <summary>smtpd's "reject:" lines (relay denied, unknown user...): refused before the queue, no record.</summary>
    public long Rejections { get; internal set; }

    /// <summary>Messages accepted on a submission service without SMTP-AUTH (e.g. from mynetworks): no record.</summary>
    public long SubmissionWithoutAuth { get; internal set; }

    /// <summary>Messages accepted on port 25 without SMTP-AUTH and with the null sender: nobody to name, no record.</summary>
    public long Unidentified { get; internal set; }

    /// <summary>Messages without SMTP-AUTH whose sender line never came (rejected by cleanup, or the log ended or was cut): no record.</summary>
    public long GivenUp { get; internal set; }

    /// <summary>
    /// Compressed files whose data was damaged: read up to the damage. (A .gz merely cut short, e.g. copied while being
    /// compressed, ends quietly: GZipStream does not tell.)
    /// </summary>
    public long CompressedDamaged { get; internal set; }

    public long Records(EvidenceKind kind) => _records[(int)kind];

    public long AllRecords => _records.Sum();

    internal void Count(EvidenceKind kind) => _records[(int)kind]++;

    public override string ToString() =>
        $"lines {LinesRead} (unreadable {LinesUnreadable}, of which other programs {LinesFromOtherPrograms}); records "
        + string.Join(", ", EvidenceKinds.All.Select(k => $"{k.WireName()} {Records(k)}"))
        + $"; rejections {Rejections}, submission without auth {SubmissionWithoutAuth}, unidentified {Unidentified}, given up {GivenUp}"
        + (CompressedDamaged > 0 ? $"; damaged compressed files {CompressedDamaged}" : "");
}
