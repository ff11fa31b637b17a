using System.Globalization;

namespace Portal.Core.Evidence;

/// <summary>Finds and opens a log and its rotated files.</summary>
public static class PostfixLogFiles
{
    /// <summary>
    /// The log at <paramref name="path"/> and its rotated files beside it, oldest first, the live file last:
    /// logrotate's numbers (<c>maillog.2.gz</c>, <c>maillog.1</c>: the higher the older), then dated names
    /// (logrotate's <c>maillog-20261201</c>, <c>postfix logrotate</c>'s <c>postfix.log.20261201-030000.gz</c>) by date.
    /// Expects one naming scheme at a time; other names beside it (<c>maillog.bak</c>) are left out.
    /// </summary>
    public static IReadOnlyList<string> Rotation(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        var numbered = new List<(long Number, string Path)>();
        var dated = new List<(string Stamp, string Path)>();
        foreach (var candidate in Directory.EnumerateFiles(folder, name + "*"))
        {
            var suffix = Path.GetFileName(candidate)[name.Length..];
            if (suffix.EndsWith(".gz", StringComparison.Ordinal)) suffix = suffix[..^3];
            if (suffix.Length < 2 || suffix[0] is not ('.' or '-')) continue;
            var stamp = suffix[1..];
            if (stamp.Length < 8 && suffix[0] == '.' && long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                numbered.Add((number, candidate));
            else if (stamp.Length >= 8 && stamp.All(c => char.IsAsciiDigit(c) || c == '-') && char.IsAsciiDigit(stamp[0]))
                dated.Add((stamp, candidate));
        }

        var files = numbered.OrderByDescending(f => f.Number).Select(f => f.Path)
            .Concat(dated.OrderBy(f => f.Stamp, StringComparer.Ordinal).Select(f => f.Path))
            .ToList();
        if (File.Exists(full)) files.Add(full);
        return files;
    }

    /// <summary>
    /// Files named on a command line, oldest first by the same rules as <see cref="Rotation"/>: per log (the name
    /// without its rotation suffix), logrotate's numbers from the highest, then dated names by date, then the live file.
    /// Different logs keep the order of their names. Each path is kept as given.
    /// </summary>
    public static IReadOnlyList<string> OldestFirst(IEnumerable<string> paths) => paths
        .Select(path => (Path: path, Place: PlaceOf(path)))
        .OrderBy(f => f.Place.Log, StringComparer.Ordinal)
        .ThenBy(f => f.Place.Rank)
        .ThenByDescending(f => f.Place.Number)
        .ThenBy(f => f.Place.Stamp, StringComparer.Ordinal)
        .Select(f => f.Path)
        .ToList();

    /// <summary>The log a file belongs to and its place in that log's rotation: 0 numbered, 1 dated, 2 live.</summary>
    private static (string Log, int Rank, long Number, string Stamp) PlaceOf(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        var bare = name.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name;
        var dot = bare.LastIndexOf('.');
        if (dot > 0 && bare.Length - dot - 1 is >= 1 and < 8
            && long.TryParse(bare.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return (Path.Combine(folder, bare[..dot]), 0, number, "");

        // The first '.' or '-' that starts a date stamp (digits and dashes, at least 8): maillog-20261201,
        // postfix.log.20261201-030000.
        for (var i = 1; i < bare.Length - 8; i++)
        {
            if (bare[i] is not ('.' or '-')) continue;
            var stamp = bare[(i + 1)..];
            if (char.IsAsciiDigit(stamp[0]) && stamp.All(c => char.IsAsciiDigit(c) || c == '-'))
                return (Path.Combine(folder, bare[..i]), 1, 0, stamp);
        }

        return (Path.Combine(folder, name), 2, 0, "");
    }

    /// <summary>Opens a log file for reading while the server may still be writing (or rotating) it.</summary>
    public static Stream Open(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
}
