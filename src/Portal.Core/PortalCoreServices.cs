using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.AutoSetup;
using Portal.Core.CheckMail;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.DataProtection;
using Portal.Core.DemoSubmission;
using Portal.Core.Evidence;
using Portal.Core.Members;
using Portal.Core.Outbox;
using Portal.Core.Probe;
using Portal.Core.Staff;
using Portal.Core.SupportLinks;

namespace Portal.Core;

public static class PortalCoreServices
{
    /// <summary>The services the web app and the CLI share: checked options, the database, its migrations, the key store.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services)
    {
        // Before AddDemoSubmission (in AddIspAccountProbe), which keeps an earlier sink: the demo server hands check mail to the inbox.
        services.AddSingleton<IDemoMessageSink, CheckMailDemoDelivery>();
        services.AddIspAccountProbe();
        services.AddCheckedOptions<ScheduleOptions>(ScheduleOptions.Section);
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        services.AddSingleton<MoveCalendar>();
        services.AddCheckedOptions<TrustedProxyOptions>(TrustedProxyOptions.Section);
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();
        services.AddCheckedOptions<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        services.AddSingleton<ProbeThrottle>();
        services.AddSingleton<ProbeResultStore>();
        services.AddSingleton<ProbeDesk>();
        services.AddSingleton(sp => new OtherProviderPolicy(sp.GetRequiredService<IOptions<ProbeOptions>>()));
        services.AddSingleton<TestMessage>();
        services.AddSingleton<IHousekeepingSweep, ProbeSweep>();
        services.AddCheckedOptions<CheckMailOptions>(CheckMailOptions.Section);
        services.AddSingleton<IValidateOptions<CheckMailOptions>, CheckMailOptionsValidator>();
        services.AddSingleton<TraceAnalyser>();
        services.AddSingleton<CheckMailSetup>();
        services.AddSingleton<CheckCodeStore>();
        services.AddSingleton<IHousekeepingSweep>(sp => sp.GetRequiredService<CheckCodeStore>());
        services.AddSingleton<CheckMailInbox>();
        services.AddCheckedOptions<StaffOptions>(StaffOptions.Section);
        services.AddSingleton<IValidateOptions<StaffOptions>, StaffOptionsValidator>();
        services.AddSingleton<StaffSignInLimit>();
        services.AddSingleton<IHousekeepingSweep>(sp => sp.GetRequiredService<StaffSignInLimit>());
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffSignInDesk>();
        services.AddSingleton<StaffLockNotice>();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<IHousekeepingSweep>(sp => sp.GetRequiredService<StaffSessions>());
        services.AddSingleton<StaffAudit>();
        services.AddSingleton<MemberStore>();
        services.AddSingleton<MemberProgress>();
        services.AddSingleton<MemberDashboard>();
        services.AddSingleton<Portal.Core.Campaigns.CampaignStore>();
        services.AddSingleton<Portal.Core.Campaigns.CampaignCopyWriter>();
        services.AddSingleton(_ => Portal.Core.Guides.GuideLibrary.Load(Portal.Core.Guides.GuideLibrary.BuiltIn()));
        services.AddSingleton<Portal.Core.MemberMail.MemberMailValues>();
        services.AddCheckedOptions<SupportLinkOptions>(SupportLinkOptions.Section);
        services.AddSingleton<IValidateOptions<SupportLinkOptions>, SupportLinkOptionsValidator>();
        services.AddSingleton<SupportLinkSigner>();
        services.AddSingleton<SupportLinkLedger>();
        services.AddCheckedOptions<OutboundOptions>(OutboundOptions.Section);
        services.AddSingleton<IValidateOptions<OutboundOptions>, OutboundOptionsValidator>();
        services.AddSingleton<OutboundRelaySource>();
        services.AddSingleton<MemberOutbox>();
        services.AddSingleton<IHousekeepingSweep, OutboxSweep>();
        services.AddCheckedOptions<AutoSetupOptions>(AutoSetupOptions.Section);
        services.AddSingleton<IValidateOptions<AutoSetupOptions>, AutoSetupOptionsValidator>();
        services.AddSingleton<AutoSetupAllowance>();
        services.AddSingleton<IHousekeepingSweep>(sp => sp.GetRequiredService<AutoSetupAllowance>());
        services.AddCheckedOptions<EvidenceOptions>(EvidenceOptions.Section);
        services.AddSingleton<IValidateOptions<EvidenceOptions>, EvidenceOptionsValidator>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<IHousekeepingSweep>(sp => sp.GetRequiredService<EvidenceStore>());
        services.AddSingleton<EvidenceImport>();
        services.AddSingleton<EvidenceFollower>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PortalDatabase(DatabaseLocation.Resolve(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DatabaseKeyStore>();
        services.AddCheckedOptions<KeyProtectionOptions>(KeyProtectionOptions.Section);
        services.AddSingleton<IValidateOptions<KeyProtectionOptions>, KeyProtectionOptionsValidator>();
        services.AddSingleton<KeyProtectionCertificates>();
        services.AddSingleton<OneWayKeys>();
        return services;
    }

    /// <summary>
    /// What probing a member's account on the ISP's submission server needs, and no more (`portal probe` starts only
    /// this): the Isp, Demo and Submission options, each checked, demo mode, the probe's settings and the account's
    /// request. Needs IConfiguration and IHostEnvironment.
    /// </summary>
    public static IServiceCollection AddIspAccountProbe(this IServiceCollection services)
    {
        services.AddCheckedOptions<IspOptions>(IspOptions.Section);
        services.AddSingleton<IValidateOptions<IspOptions>, IspOptionsValidator>();
        services.AddDemoSubmission();
        services.AddCheckedOptions<ProbeOptions>(ProbeOptions.Section);
        services.AddSingleton<IValidateOptions<ProbeOptions>, ProbeOptionsValidator>();
        services.AddSingleton<ProbeSettingsSource>();
        services.AddSingleton<IspAccountProbe>();
        return services;
    }

    /// <summary>
    /// Data Protection keys in the database, under one application name, so all nodes share one key ring; encrypted to
    /// DataProtection:CertificateFile when one is configured.
    /// </summary>
    public static IDataProtectionBuilder AddPortalDataProtection(this IServiceCollection services)
    {
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseKeyStore, KeyProtectionCertificates, ILoggerFactory>((options, store, certificates, logs) =>
            {
                options.XmlRepository = store;
                if (certificates.Current is { } certificate) options.XmlEncryptor = new CertificateKeyEncryptor(certificate, logs);
            });
        return services.AddDataProtection().SetApplicationName("member-mail-settings-portal");
    }
}
