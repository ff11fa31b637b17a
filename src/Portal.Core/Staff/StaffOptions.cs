namespace Portal.Core.Staff;

/// <summary>How staff sign in, bound from "Staff".</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Wrong passwords in a row before the account locks.</summary>
    public int LockoutFailures { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Failed sign-ins one client address may make across all accounts within <see cref="SignInFailureWindowMinutes"/>.</summary>
    public int SignInFailuresPerClientIp { get; set; } = 20;

    public int SignInFailureWindowMinutes { get; set; } = 15;

    /// <summary>A signed-in session ends after this long without use.</summary>
    public int SessionHours { get; set; } = 8;

    /// <summary>A signed-in session ends this long after sign-in, however much it is used.</summary>
    public int SessionMaxHours { get; set; } = 12;

    public int MinPasswordLength { get; set; } = 12;
}
