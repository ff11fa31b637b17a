using Microsoft.Extensions.Time.Testing;
using Portal.Core.Evidence;
using static Portal.Tests.Evidence.EvidenceLog;

namespace Portal.Tests.Evidence;

/// <summary>Time stamps: classic syslog (no year, no zone), Postfix's maillog_file and rsyslog's RFC 3339.</summary>
public sealed class LogTimeTests
{
    // Each line is a failed sign-in: it makes its record at once, with the line's time.
    private static string Failed(string stamp) =>
        $"{stamp} mx1 postfix/submission/smtpd[8001]: warning: unknown[198.51.100.50]: SASL PLAIN authentication failed: authentication failure, sasl_username=taro@example.jp";

    private static List<DateTimeOffset> Times(ClassicYear year, params string[] stamps) =>
        Read(new EvidenceOptions(), year, stamps.Select(Failed).ToArray()).Records.Select(r => r.Time).ToList();

    [Fact]
    public void Classic_syslog_and_postfix_maillog_file_stamps_are_read_in_the_servers_zone()
    {
        // Syslog pads the day with a space, Postfix's own maillog_file with a zero (msg_logger.c: "%b %d %H:%M:%S").
        var times = Times(ClassicYear.StartingIn(2026), "Dec  2 15:04:05", "Dec 02 15:04:06", "Dec 12 15:04:07.250");

        Assert.Equal([Tokyo(2026, 12, 2, 15, 4, 5), Tokyo(2026, 12, 2, 15, 4, 6), Tokyo(2026, 12, 12, 15, 4, 7).AddMilliseconds(250)], times);
        Assert.All(times, t => Assert.Equal(TimeSpan.FromHours(9), t.Offset));
    }

    [Fact]
    public void Rfc3339_stamps_carry_their_own_year_zone_and_fraction()
    {
        var times = Times(ClassicYear.StartingIn(2000), "2026-12-02T15:04:05.123456+09:00", "2026-12-02T06:04:06Z", "2026-12-01T22:04:07.5-08:00");

        Assert.Equal(
            [
                new DateTimeOffset(2026, 12, 2, 15, 4, 5, TimeSpan.FromHours(9)).AddTicks(1_234_560),
                new DateTimeOffset(2026, 12, 2, 6, 4, 6, TimeSpan.Zero),
                new DateTimeOffset(2026, 12, 1, 22, 4, 7, TimeSpan.FromHours(-8)).AddMilliseconds(500),
            ],
            times);
        Assert.Equal([TimeSpan.FromHours(9), TimeSpan.Zero, TimeSpan.FromHours(-8)], times.Select(t => t.Offset).ToList());
    }

    [Fact]
    public void The_year_moves_on_from_december_to_january_and_a_late_december_line_stays_in_its_year()
    {
        var times = Times(ClassicYear.StartingIn(2026), "Dec 31 23:59:58", "Jan  1 00:00:02", "Dec 31 23:59:59", "Jan  1 00:00:03", "Feb  1 09:00:00");

        Assert.Equal(
            [
                Tokyo(2026, 12, 31, 23, 59, 58), Tokyo(2027, 1, 1, 0, 0, 2), Tokyo(2026, 12, 31, 23, 59, 59), Tokyo(2027, 1, 1, 0, 0, 3),
                Tokyo(2027, 2, 1, 9, 0, 0),
            ],
            times);
    }

    [Fact]
    public void Without_a_year_the_first_line_is_the_latest_that_is_not_in_the_future()
    {
        // Read on 5 January 2027 (Tokyo): a log from last December runs into this January.
        var january = new FakeTimeProvider(new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.FromHours(9)));
        Assert.Equal([Tokyo(2026, 12, 30, 8, 0, 0), Tokyo(2027, 1, 4, 8, 0, 0)], Times(ClassicYear.Inferred(january), "Dec 30 08:00:00", "Jan  4 08:00:00"));

        // Read at 16:00 on 2 December 2026: today and tomorrow (clocks and zones differ) are this year, later is last year.
        var december = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal([Tokyo(2026, 12, 2, 15, 4, 5)], Times(ClassicYear.Inferred(december), "Dec  2 15:04:05"));
        Assert.Equal([Tokyo(2026, 12, 3, 1, 0, 0)], Times(ClassicYear.Inferred(december), "Dec  3 01:00:00"));
        Assert.Equal([Tokyo(2025, 12, 5, 1, 0, 0)], Times(ClassicYear.Inferred(december), "Dec  5 01:00:00"));
    }

    [Fact]
    public void Classic_lines_after_an_rfc3339_line_take_its_year_unless_the_year_is_known()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal([Tokyo(2031, 3, 1, 9, 0, 0), Tokyo(2031, 3, 1, 9, 0, 1)],
            Times(ClassicYear.Inferred(clock), "2031-03-01T09:00:00+09:00", "Mar  1 09:00:01"));
        Assert.Equal([Tokyo(2026, 3, 1, 9, 0, 0), Tokyo(2099, 1, 1, 9, 0, 0), Tokyo(2026, 3, 1, 9, 0, 1)],
            Times(ClassicYear.StartingIn(2026), "Mar  1 09:00:00", "2099-01-01T09:00:00+09:00", "Mar  1 09:00:01"));
    }

    [Theory]
    [InlineData("Jul  1 12:00:00", 2)]
    [InlineData("Jan 15 12:00:00", 1)]
    public void Classic_stamps_take_the_zones_offset_of_their_day(string stamp, int hours)
    {
        var (records, _) = Read(new EvidenceOptions { TimeZone = "Europe/Berlin" }, 2026, Failed(stamp));

        Assert.Equal(TimeSpan.FromHours(hours), Assert.Single(records).Time.Offset);
    }

    [Fact]
    public void A_february_29th_outside_a_leap_year_is_counted_unreadable()
    {
        var (records, counts) = Read(new EvidenceOptions(), 2026, Failed("Dec 31 23:00:00"), Failed("Feb 29 10:00:00"), Failed("Jan  1 01:00:00"));

        Assert.Equal([Tokyo(2026, 12, 31, 23, 0, 0), Tokyo(2027, 1, 1, 1, 0, 0)], records.Select(r => r.Time).ToList());
        Assert.Equal(1, counts.LinesUnreadable);
    }
}
