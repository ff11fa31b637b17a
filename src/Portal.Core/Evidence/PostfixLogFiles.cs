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

    /// <summary>Opens a log file for reading while the server may still be writing (or rotating) it.</summary>
    public static Stream Open(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
}
