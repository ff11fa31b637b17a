namespace Portal.Core.Evidence;

/// <summary>How the mail server's own log is read for evidence of who has moved, bound from "Evidence".</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>
    /// smtpd syslog names (master.cf <c>-o syslog_name=...</c>) that are submission services besides those whose name
    /// contains "submission" or "smtps", which always are (e.g. <c>postfix/submission</c>, <c>postfix/smtps</c>,
    /// <c>postfix/submission-2587</c>). Every other smtpd is taken for port 25.
    /// </summary>
    public string[] SubmissionSyslogNames { get; set; } = [];

    /// <summary>The mail server's time zone (IANA id): classic syslog time stamps carry neither zone nor year.</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>
    /// How long (log time) a message accepted by smtpd waits for qmgr's sender line, and a connection for its
    /// disconnect, before it is given up: this keeps memory flat on an endless log.
    /// </summary>
    public int WaitMinutes { get; set; } = 60;

    /// <summary>At most this many messages, and as many connections, are remembered at once; the oldest are given up first.</summary>
    public int MaxOpen { get; set; } = 100_000;

    /// <summary>
    /// Days (in <c>Schedule:TimeZone</c>) a member's counts are kept; housekeeping erases older days, and an import
    /// counts nothing older.
    /// </summary>
    public int KeepDays { get; set; } = 90;

    /// <summary>A member seen on a submission service with SMTP-AUTH, and not on port 25 for this many days, counts as moved.</summary>
    public int MovedAfterDays { get; set; } = 14;

    /// <summary>Lines read between two writes to the database (each one transaction): an import's chunk, and follow's at most.</summary>
    public int FlushLines { get; set; } = 100_000;

    /// <summary>Seconds between two writes while following a log, however few lines came; each write renews the lease.</summary>
    public int FlushSeconds { get; set; } = 5;

    /// <summary>True for the syslog name of an smtpd that is a submission service.</summary>
    public bool IsSubmission(string syslogName) =>
        syslogName.Contains("submission", StringComparison.OrdinalIgnoreCase)
        || syslogName.Contains("smtps", StringComparison.OrdinalIgnoreCase)
        || SubmissionSyslogNames.Any(n => string.Equals(n?.Trim(), syslogName, StringComparison.OrdinalIgnoreCase));
}
