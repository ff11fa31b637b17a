namespace Portal.Core.Evidence;

/// <summary>
/// The year of classic syslog time stamps ("Dec  2 15:04:05"), which have none: given for the first line, or taken
/// from a clock as the latest year that does not put the first line in the future. From there it moves on a year
/// when the months go back (December to January), and a late December line after January began stays in the old year.
/// A log longer than a year cannot be dated this way; its ISO time stamps (rsyslog's high-precision format) can.
/// </summary>
public sealed class ClassicYear
{
    private readonly TimeProvider? _clock;
    private int _year;
    private int _lastMonth;
    private bool _yearKnown;

    private ClassicYear(TimeProvider? clock, int year, bool yearKnown)
    {
        _clock = clock;
        _year = year;
        _yearKnown = yearKnown;
    }

    /// <summary>The first classic line is in <paramref name="year"/>.</summary>
    public static ClassicYear StartingIn(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1970);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        return new ClassicYear(null, year, yearKnown: true);
    }

    /// <summary>The first classic line is no later than tomorrow by <paramref name="clock"/> (a day of slack for clocks and zones).</summary>
    public static ClassicYear Inferred(TimeProvider clock) => new(clock, 0, yearKnown: false);

    internal int YearOf(int month, int day, TimeZoneInfo zone)
    {
        if (!_yearKnown)
        {
            var today = TimeZoneInfo.ConvertTime(_clock!.GetUtcNow(), zone).Date;
            _year = today.Year;
            if (new DateTime(_year, month, Math.Min(day, DateTime.DaysInMonth(_year, month))) > today.AddDays(1)) _year--;
            _yearKnown = true;
        }
        else if (_lastMonth != 0 && month < _lastMonth - 6)
        {
            _year++;
        }
        else if (_lastMonth != 0 && month > _lastMonth + 6)
        {
            // December's last lines written after January's first: last year, and the year goes on as it was.
            return _year - 1;
        }

        _lastMonth = month;
        return _year;
    }

    /// <summary>
    /// A line with a full date (RFC 3339) before any classic line gives the year to infer from; once the year is known
    /// it stays with the classic lines, so that one odd line cannot move every later one.
    /// </summary>
    internal void Saw(int year, int month)
    {
        if (_yearKnown) return;
        _year = year;
        _lastMonth = month;
        _yearKnown = true;
    }
}
