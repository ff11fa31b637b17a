using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.Evidence;

internal sealed class EvidenceOptionsValidator : IValidateOptions<EvidenceOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidenceOptions o)
    {
        var p = new Problems();
        for (var i = 0; i < o.SubmissionSyslogNames.Length; i++)
        {
            // A syslog name is what stands before "/smtpd[pid]:" in a log line: no spaces, brackets or colons.
            var syslogName = o.SubmissionSyslogNames[i];
            if (string.IsNullOrWhiteSpace(syslogName) || syslogName.Trim().Any(c => c is <= ' ' or '[' or ']' or ':' or '\u007f'))
                p.Add($"Evidence:SubmissionSyslogNames:{i}", $"'{syslogName}' is not a syslog name (for example postfix/submission)");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone ?? "", out _))
            p.Add("Evidence:TimeZone", $"'{o.TimeZone}' is not a known time zone id (for example Asia/Tokyo)");
        p.Between("Evidence:WaitMinutes", o.WaitMinutes, 1, 7 * 24 * 60);
        p.Between("Evidence:MaxOpen", o.MaxOpen, 1_000, 10_000_000);
        p.Between("Evidence:KeepDays", o.KeepDays, 1, 3_650);
        p.Between("Evidence:MovedAfterDays", o.MovedAfterDays, 1, 3_650);
        p.Between("Evidence:FlushLines", o.FlushLines, 1, 10_000_000);
        // Well inside follow's lease (EvidenceFollower.Lease), which each write renews.
        p.Between("Evidence:FlushSeconds", o.FlushSeconds, 1, 60);
        return p.Result();
    }
}
