namespace Portal.Core;

/// <summary>How `portal` and `portal-probe` end.</summary>
public static class ExitCode
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    // EX_TEMPFAIL of sysexits.h, as sendmail and Postfix use it: the other side said "not now", nothing is wrong here.
    public const int TryLater = 75;
}
