namespace Portal.Core.Evidence;

/// <summary>
/// The parts of one syslog line, as slices of its bytes: nothing is copied. Two time stamp shapes:
/// classic syslog and Postfix's own maillog_file (<c>Dec  2 15:04:05</c>, <c>Dec 02 15:04:05</c>: msg_logger.c formats
/// "%b %d %H:%M:%S", no year, no zone), and rsyslog's high-precision RFC 3339 (<c>2026-12-02T15:04:05.123456+09:00</c>).
/// Then the host, then the tag: Postfix's is <c>syslog_name/program[pid]</c>, e.g. <c>postfix/submission/smtpd[1234]</c>.
/// </summary>
internal ref struct PostfixLogLine
{
    public DateTimeOffset Time;

    /// <summary>The mail server's host name.</summary>
    public ReadOnlySpan<byte> Host;

    /// <summary>"host syslog_name/program[pid]": one process on one server, the key of a connection.</summary>
    public ReadOnlySpan<byte> Process;

    /// <summary>Everything before the last slash of the tag: <c>postfix</c>, <c>postfix/submission</c>.</summary>
    public ReadOnlySpan<byte> SyslogName;

    /// <summary>After the last slash: <c>smtpd</c>, <c>qmgr</c>, <c>cleanup</c>...</summary>
    public ReadOnlySpan<byte> Program;

    /// <summary>The message after "]: ".</summary>
    public ReadOnlySpan<byte> Text;
}

internal enum LineShape
{
    Postfix,
    OtherProgram,
    Unreadable,
}

/// <summary>Reads the head of each line (time, host, tag) and turns its time stamp into a point in time.</summary>
internal sealed class PostfixLineReader(TimeZoneInfo zone, ClassicYear year)
{
    // Local times are looked up in the zone once per half hour of log: DST moves on the hour or half hour.
    private const long ZoneSliceTicks = TimeSpan.TicksPerMinute * 30;
    private long _zoneSlice = long.MinValue;
    private TimeSpan _zoneOffset;

    public LineShape Read(ReadOnlySpan<byte> line, out PostfixLogLine parsed)
    {
        parsed = default;

        // A crash can leave a run of NUL bytes before the next line written.
        var start = 0;
        while (start < line.Length && line[start] == 0) start++;
        line = line[start..];
        if (line.IsEmpty) return LineShape.Unreadable;

        int used;
        if (IsDigit(line[0]))
        {
            if (!TryIso(line, out parsed.Time, out used)) return LineShape.Unreadable;
        }
        else if (!TryClassic(line, out parsed.Time, out used))
        {
            return LineShape.Unreadable;
        }

        var rest = line[used..];
        var hostEnd = rest.IndexOf((byte)' ');
        if (hostEnd <= 0) return LineShape.Unreadable;
        parsed.Host = rest[..hostEnd];
        var afterHost = rest[(hostEnd + 1)..];

        var tagEnd = afterHost.IndexOfAny((byte)'[', (byte)':', (byte)' ');
        if (tagEnd <= 0) return LineShape.Unreadable;
        if (afterHost[tagEnd] != (byte)'[')
        {
            // "dovecot: ..." or "kernel: ...": a well-formed line of something else.
            return afterHost[tagEnd] == (byte)':' ? LineShape.OtherProgram : LineShape.Unreadable;
        }

        var tag = afterHost[..tagEnd];
        var pidAndRest = afterHost[(tagEnd + 1)..];
        var pidEnd = pidAndRest.IndexOf((byte)']');
        if (pidEnd <= 0 || pidEnd > 10 || pidAndRest[..pidEnd].ContainsAnyExceptInRange((byte)'0', (byte)'9')) return LineShape.Unreadable;
        var afterPid = pidAndRest[(pidEnd + 1)..];
        if (afterPid.IsEmpty || afterPid[0] != (byte)':') return LineShape.Unreadable;

        var slash = tag.LastIndexOf((byte)'/');
        if (slash < 0) return LineShape.OtherProgram;
        if (slash == 0 || slash == tag.Length - 1) return LineShape.Unreadable;

        parsed.SyslogName = tag[..slash];
        parsed.Program = tag[(slash + 1)..];
        parsed.Process = rest[..(hostEnd + 1 + tagEnd + 1 + pidEnd + 1)];
        parsed.Text = afterPid.Length > 1 && afterPid[1] == (byte)' ' ? afterPid[2..] : afterPid[1..];
        return LineShape.Postfix;
    }

    /// <summary>"Dec  2 15:04:05 " (syslog) or "Dec 02 15:04:05 " (Postfix's maillog_file), optionally with a fraction.</summary>
    private bool TryClassic(ReadOnlySpan<byte> s, out DateTimeOffset time, out int used)
    {
        time = default;
        used = 0;
        if (s.Length < 16 || s[3] != (byte)' ') return false;
        var month = Month(s[0], s[1], s[2]);
        if (month == 0) return false;

        var i = 4;
        if (s[i] == (byte)' ') i++;
        if (!IsDigit(s[i])) return false;
        var day = s[i++] - '0';
        if (IsDigit(s[i])) day = day * 10 + (s[i++] - '0');
        if (s[i++] != (byte)' ') return false;
        if (!TryClock(s, ref i, out var hour, out var minute, out var second, out var fraction)) return false;
        if (i >= s.Length || s[i] != (byte)' ') return false;
        used = i + 1;

        // Checked before the year moves on: a garbage date must not turn the year.
        if (day < 1 || day > DateTime.DaysInMonth(2024, month)) return false;
        var y = year.YearOf(month, day, zone);
        if (day > DateTime.DaysInMonth(y, month)) return false;
        var local = new DateTime(y, month, day, hour, minute, second).Ticks + fraction;
        time = new DateTimeOffset(local, OffsetAt(local));
        return true;
    }

    /// <summary>"2026-12-02T15:04:05.123456+09:00 " or with Z; the fraction is optional.</summary>
    private bool TryIso(ReadOnlySpan<byte> s, out DateTimeOffset time, out int used)
    {
        time = default;
        used = 0;
        if (s.Length < 21 || s[4] != (byte)'-' || s[7] != (byte)'-' || (s[10] != (byte)'T' && s[10] != (byte)'t')) return false;
        if (!TryNumber(s, 0, 4, out var y) || !TryNumber(s, 5, 2, out var month) || !TryNumber(s, 8, 2, out var day)) return false;
        var i = 11;
        if (!TryClock(s, ref i, out var hour, out var minute, out var second, out var fraction)) return false;
        if (i >= s.Length) return false;

        TimeSpan offset;
        if (s[i] is (byte)'Z' or (byte)'z')
        {
            offset = TimeSpan.Zero;
            i++;
        }
        else if (s[i] is (byte)'+' or (byte)'-')
        {
            var sign = s[i] == (byte)'-' ? -1 : 1;
            if (!TryNumber(s, i + 1, 2, out var offsetHours)) return false;
            i += 3;
            if (i < s.Length && s[i] == (byte)':') i++;
            if (!TryNumber(s, i, 2, out var offsetMinutes) || offsetMinutes > 59) return false;
            i += 2;
            offset = sign * new TimeSpan(offsetHours, offsetMinutes, 0);
            if (offset.Duration() > TimeSpan.FromHours(14)) return false;
        }
        else
        {
            return false;
        }

        if (i >= s.Length || s[i] != (byte)' ') return false;
        if (y < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(y, month)) return false;
        used = i + 1;
        year.Saw(y, month);
        var local = new DateTime(y, month, day, hour, minute, second).Ticks + fraction;
        if (local - offset.Ticks is < 0 or > 3155378975999999999) return false;
        time = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>"HH:MM:SS" and an optional ".fraction" (any digits; ticks keep seven).</summary>
    private static bool TryClock(ReadOnlySpan<byte> s, ref int i, out int hour, out int minute, out int second, out long fraction)
    {
        fraction = 0;
        minute = second = 0;
        if (!TryNumber(s, i, 2, out hour) || s.Length < i + 8 || s[i + 2] != (byte)':' || s[i + 5] != (byte)':'
            || !TryNumber(s, i + 3, 2, out minute) || !TryNumber(s, i + 6, 2, out second))
            return false;
        if (hour > 23 || minute > 59 || second > 60) return false;
        if (second == 60) second = 59; // a leap second, as syslog may write it
        i += 8;
        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            var digits = 0;
            while (i < s.Length && IsDigit(s[i]))
            {
                if (digits < 7)
                {
                    fraction = fraction * 10 + (s[i] - '0');
                    digits++;
                }

                i++;
            }

            if (digits == 0) return false;
            for (; digits < 7; digits++) fraction *= 10;
        }

        return true;
    }

    private TimeSpan OffsetAt(long localTicks)
    {
        var slice = localTicks / ZoneSliceTicks;
        if (slice != _zoneSlice)
        {
            _zoneOffset = zone.GetUtcOffset(new DateTime(localTicks, DateTimeKind.Unspecified));
            _zoneSlice = slice;
        }

        return _zoneOffset;
    }

    private static bool TryNumber(ReadOnlySpan<byte> s, int at, int length, out int value)
    {
        value = 0;
        if (at < 0 || at + length > s.Length) return false;
        for (var k = at; k < at + length; k++)
        {
            if (!IsDigit(s[k])) return false;
            value = value * 10 + (s[k] - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int Month(byte a, byte b, byte c) => (a | 0x20, b | 0x20, c | 0x20) switch
    {
        ('j', 'a', 'n') => 1,
        ('f', 'e', 'b') => 2,
        ('m', 'a', 'r') => 3,
        ('a', 'p', 'r') => 4,
        ('m', 'a', 'y') => 5,
        ('j', 'u', 'n') => 6,
        ('j', 'u', 'l') => 7,
        ('a', 'u', 'g') => 8,
        ('s', 'e', 'p') => 9,
        ('o', 'c', 't') => 10,
        ('n', 'o', 'v') => 11,
        ('d', 'e', 'c') => 12,
        _ => 0,
    };
}
