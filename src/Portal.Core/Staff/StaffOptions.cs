namespace Portal.Core.Staff;

/// <summary>How staff sign in, bound from "Staff".</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Wrong passwords in a row before the account locks.</summary>
    public int LockoutFailures { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A signed-in session ends after this long without use.</summary>
    public int SessionHours { get; set; } = 8;

    /// <summary>A signed-in session ends this long after sign-in, however much it is used.</summary>
    public int SessionMaxHours { get; set; } = 12;

    public int MinPasswordLength { get; set; } = 12;
}

internal sealed class StaffOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<StaffOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, StaffOptions o)
    {
        var problems = new List<string>();
        if (o.LockoutFailures < 1) problems.Add($"Staff:LockoutFailures: must be greater than 0 (was {o.LockoutFailures})");
        if (o.LockoutMinutes < 1) problems.Add($"Staff:LockoutMinutes: must be greater than 0 (was {o.LockoutMinutes})");
        if (o.SessionHours is < 1 or > 24 * 7) problems.Add($"Staff:SessionHours: must be between 1 and 168 (was {o.SessionHours})");
        if (o.SessionMaxHours is < 1 or > 24 * 7) problems.Add($"Staff:SessionMaxHours: must be between 1 and 168 (was {o.SessionMaxHours})");
        else if (o.SessionMaxHours < o.SessionHours) problems.Add($"Staff:SessionMaxHours: must be at least Staff:SessionHours ({o.SessionHours}) (was {o.SessionMaxHours})");
        if (o.MinPasswordLength < 8) problems.Add($"Staff:MinPasswordLength: must be at least 8 (was {o.MinPasswordLength})");
        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }
}
