using Microsoft.Extensions.Options;

namespace Portal.Core.Configuration;

internal sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions o)
    {
        var p = new Problems();
        if (o.ParallelRunStarts > o.Port25Blocked)
            p.Add("Schedule:ParallelRunStarts", $"must be on or before Schedule:Port25Blocked ({o.ParallelRunStarts:yyyy-MM-dd} is after {o.Port25Blocked:yyyy-MM-dd})");
        if (o.DynamicRangesDisclosed > o.MobileDirectSendBlocked)
            p.Add("Schedule:DynamicRangesDisclosed", $"must be on or before Schedule:MobileDirectSendBlocked ({o.DynamicRangesDisclosed:yyyy-MM-dd} is after {o.MobileDirectSendBlocked:yyyy-MM-dd})");
        foreach (var (key, date) in new[]
                 {
                     ("Schedule:DynamicRangesDisclosed", o.DynamicRangesDisclosed), ("Schedule:ParallelRunStarts", o.ParallelRunStarts),
                     ("Schedule:Port25Blocked", o.Port25Blocked), ("Schedule:MobileDirectSendBlocked", o.MobileDirectSendBlocked),
                 })
        {
            if (date.Year < 1990) p.Add(key, $"is missing or not a date (yyyy-MM-dd); was {date:yyyy-MM-dd}");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone ?? "", out _))
            p.Add("Schedule:TimeZone", $"'{o.TimeZone}' is not a known time zone id (for example Asia/Tokyo)");

        return p.Result();
    }
}
