using Microsoft.Extensions.Options;

namespace Portal.Core.Configuration;

/// <summary>Where the move stands today, in the ISP's time zone: every text a member reads follows it.</summary>
public sealed class MoveCalendar(IOptions<ScheduleOptions> schedule, TimeProvider time)
{
    public ScheduleOptions Schedule => schedule.Value;

    public DateOnly Today => schedule.Value.Today(time);

    public MovePhase Phase => schedule.Value.PhaseOn(Today);
}
