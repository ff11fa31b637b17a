namespace Portal.Core.Configuration;

/// <summary>The dates of the phased move away from port 25; defaults are those of the ISP's notice.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    /// <summary>The ISP's dynamic IP ranges were disclosed to the mobile carriers.</summary>
    public DateOnly DynamicRangesDisclosed { get; set; } = new(2005, 11, 1);

    /// <summary>Ports 25 and 587 run side by side and SMTP-AUTH becomes available.</summary>
    public DateOnly ParallelRunStarts { get; set; } = new(2006, 2, 1);

    /// <summary>Port 25 is closed for submission: 587 with SMTP-AUTH only.</summary>
    public DateOnly Port25Blocked { get; set; } = new(2006, 6, 1);

    /// <summary>Direct sending from dynamic IPs to the mobile carriers' servers is refused (end of the month).</summary>
    public DateOnly MobileDirectSendBlocked { get; set; } = new(2006, 11, 30);

    /// <summary>The time zone the dates are in (IANA id): a day ends at midnight for the ISP's members, not for the server.</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>Where the move stands on a given day.</summary>
    public MovePhase PhaseOn(DateOnly day) =>
        day < ParallelRunStarts ? MovePhase.Announced
        : day < Port25Blocked ? MovePhase.ParallelRun
        : MovePhase.Port25Blocked;

    public DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
}

/// <summary>The stages of the move, as the site-wide banner and the schedule page describe them.</summary>
public enum MovePhase
{
    /// <summary>Before the parallel run: only port 25 works yet.</summary>
    Announced,

    /// <summary>Ports 25 and 587 both work; members should switch now.</summary>
    ParallelRun,

    /// <summary>Port 25 is closed for submission.</summary>
    Port25Blocked,
}
