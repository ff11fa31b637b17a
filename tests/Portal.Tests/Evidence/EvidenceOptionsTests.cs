using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Evidence;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Evidence;

public sealed class EvidenceOptionsTests
{
    private static IEnumerable<string> Problems(EvidenceOptions options) =>
        new EvidenceOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new EvidenceOptions();

        Assert.Empty(Problems(options));
        Assert.Equal(("Asia/Tokyo", 60, 100_000), (options.TimeZone, options.WaitMinutes, options.MaxOpen));
        Assert.Equal((90, 100_000, 5), (options.KeepDays, options.FlushLines, options.FlushSeconds));
        Assert.Empty(options.SubmissionSyslogNames);
    }

    [Fact]
    public void Each_bad_value_is_named_with_its_key()
    {
        var failures = Problems(new EvidenceOptions
        {
            SubmissionSyslogNames = ["postfix/msa", "postfix msa", " ", "postfix/msa[1]"],
            TimeZone = "Mars/Olympus",
            WaitMinutes = 0,
            MaxOpen = 10,
            KeepDays = 0,
            FlushLines = 0,
            FlushSeconds = 61,
        });

        Assert.Equal(
            [
                "Evidence:SubmissionSyslogNames:1: 'postfix msa' is not a syslog name (for example postfix/submission)",
                "Evidence:SubmissionSyslogNames:2: ' ' is not a syslog name (for example postfix/submission)",
                "Evidence:SubmissionSyslogNames:3: 'postfix/msa[1]' is not a syslog name (for example postfix/submission)",
                "Evidence:TimeZone: 'Mars/Olympus' is not a known time zone id (for example Asia/Tokyo)",
                "Evidence:WaitMinutes: must be between 1 and 10080 (was 0)",
                "Evidence:MaxOpen: must be between 1000 and 10000000 (was 10)",
                "Evidence:KeepDays: must be between 1 and 3650 (was 0)",
                "Evidence:FlushLines: must be between 1 and 10000000 (was 0)",
                "Evidence:FlushSeconds: must be between 1 and 60 (was 61)",
            ],
            failures);
    }

    [Fact]
    public void The_portal_checks_the_section_with_the_rest_of_its_configuration()
    {
        var problems = new ConfigurationProblemsProbe(new Dictionary<string, string?> { ["Evidence:TimeZone"] = "Mars/Olympus" }).Problems();

        Assert.Contains("Evidence:TimeZone: 'Mars/Olympus' is not a known time zone id (for example Asia/Tokyo)", problems);
    }

    [Fact]
    public void Submission_syslog_names_bind_from_configuration()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Evidence:SubmissionSyslogNames:0"] = "postfix/msa",
            ["Evidence:SubmissionSyslogNames:1"] = "postfix-587",
            ["Evidence:WaitMinutes"] = "30",
        });
        builder.Services.AddPortalCore();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<EvidenceOptions>>().Value;

        Assert.Equal(["postfix/msa", "postfix-587"], options.SubmissionSyslogNames);
        Assert.Equal(30, options.WaitMinutes);
        Assert.True(options.IsSubmission("POSTFIX/MSA"));
        Assert.False(options.IsSubmission("postfix"));
    }

    [Fact]
    public void The_store_is_one_of_housekeepings_sweeps_and_keeps_the_configured_days()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Evidence:KeepDays"] = "30" });
        builder.Services.AddPortalCore();
        builder.Services.AddPortalDataProtection(); // as the site and the tool add it: some sweeps count by one-way keys
        using var host = builder.Build();

        var store = host.Services.GetRequiredService<EvidenceStore>();

        Assert.Contains(store, host.Services.GetServices<Portal.Core.Data.IHousekeepingSweep>());
        // 30 days, today included.
        Assert.Equal(new Portal.Core.Configuration.ScheduleOptions().Today(TimeProvider.System).AddDays(-29), store.OldestDayKept());
    }
}
