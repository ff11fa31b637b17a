using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.Staff;

internal sealed class StaffOptionsValidator : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions o)
    {
        var p = new Problems();
        p.Positive("Staff:LockoutFailures", o.LockoutFailures);
        p.Positive("Staff:LockoutMinutes", o.LockoutMinutes);
        p.Positive("Staff:SignInFailuresPerClientIp", o.SignInFailuresPerClientIp);
        p.Positive("Staff:SignInFailureWindowMinutes", o.SignInFailureWindowMinutes);
        p.Between("Staff:SessionHours", o.SessionHours, 1, 24 * 7);
        if (o.SessionMaxHours is < 1 or > 24 * 7) p.Between("Staff:SessionMaxHours", o.SessionMaxHours, 1, 24 * 7);
        else if (o.SessionMaxHours < o.SessionHours) p.Add("Staff:SessionMaxHours", $"must be at least Staff:SessionHours ({o.SessionHours}) (was {o.SessionMaxHours})");
        if (o.MinPasswordLength < 8) p.Add("Staff:MinPasswordLength", $"must be at least 8 (was {o.MinPasswordLength})");
        return p.Result();
    }
}
