using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Configuration;

namespace Portal.Tests.Configuration;

public sealed class ConfigurationCheckTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    [Fact]
    public void The_defaults_are_a_valid_configuration()
    {
        Assert.Empty(Check(new Dictionary<string, string?>()));
    }

    [Theory]
    [InlineData("Isp:Submission:Port", "0", "Isp:Submission:Port: must be a port number between 1 and 65535 (was 0)")]
    [InlineData("Isp:Submission:Host", "not a host!", "Isp:Submission:Host: 'not a host!' is not a host name or IP address")]
    [InlineData("Isp:Name:Ja", "", "Isp:Name:Ja: is required")]
    [InlineData("Isp:Support:Email", "support-at-example", "Isp:Support:Email: 'support-at-example' is not a mail address")]
    [InlineData("Isp:Support:Url", "support.example.jp", "Isp:Support:Url: 'support.example.jp' is not an absolute http(s) URL")]
    [InlineData("Isp:ImplicitTls:Host", "smtp.example.jp", null)]
    [InlineData("Isp:Incoming:Host", "", "Isp:Incoming:Host: is required")]
    [InlineData("Isp:Incoming:Port", "70000", "Isp:Incoming:Port: must be a port number between 1 and 65535 (was 70000)")]
    [InlineData("Schedule:ParallelRunStarts", "2006-07-01", "Schedule:ParallelRunStarts: must be on or before Schedule:Port25Blocked (2006-07-01 is after 2006-06-01)")]
    [InlineData("Schedule:TimeZone", "Mars/Olympus", "Schedule:TimeZone: 'Mars/Olympus' is not a known time zone id (for example Asia/Tokyo)")]
    [InlineData("Demo:Address", "192.0.2.1", "Demo:Address: must be a loopback IP address such as 127.0.0.1 or ::1 (was '192.0.2.1')")]
    [InlineData("Database:Provider", "SqlServer", "Database:ConnectionString: is required when Database:Provider is SqlServer")]
    [InlineData("Staff:LockoutFailures", "0", "Staff:LockoutFailures: must be greater than 0 (was 0)")]
    [InlineData("Staff:SessionHours", "500", "Staff:SessionHours: must be between 1 and 168 (was 500)")]
    [InlineData("Staff:SessionMaxHours", "4", "Staff:SessionMaxHours: must be at least Staff:SessionHours (8) (was 4)")]
    [InlineData("Staff:SessionMaxHours", "0", "Staff:SessionMaxHours: must be between 1 and 168 (was 0)")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.300", "ForwardedHeaders:KnownProxies:0: '10.0.0.300' is not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks:0: '10.0.0.0' is not a network in CIDR form (e.g. 10.0.0.0/24 or 2001:db8::/32)")]
    [InlineData("CheckMail:RelayNetworks:0", "mx1.example.jp", "CheckMail:RelayNetworks:0: 'mx1.example.jp' is not a network in CIDR form (e.g. 10.0.0.0/24 or 2001:db8::/32)")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8", null)]
    [InlineData("FORWARDEDHEADERS_ENABLED", "true", "ASPNETCORE_FORWARDEDHEADERS_ENABLED: believes X-Forwarded-For from anyone who can reach the port, so a client could claim any address and step around the per-IP limits. Unset it and list the proxy under ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks")]
    [InlineData("DataProtection:CertificateFile", "", "DataProtection:CertificateFile: is required outside Development (environment Production): without it the keys that sign support links, staff sessions and antiforgery tokens are stored unencrypted, and anyone who reads the database can forge all three. Set it to a PKCS#12 (.pfx) file with an RSA certificate and its private key (or, knowingly, DataProtection:InsecureStoreKeysUnencrypted=true)")]
    [InlineData("DataProtection:InsecureStoreKeysUnencrypted", "true", null)]
    [InlineData("Staff:MinPasswordLength", "4", "Staff:MinPasswordLength: must be at least 8 (was 4)")]
    [InlineData("SupportLinks:ValidDays", "0", "SupportLinks:ValidDays: must be between 1 and 365 (was 0)")]
    [InlineData("Submission:OtherProviders:BudgetSeconds", "0", "Submission:OtherProviders:BudgetSeconds: must be greater than 0 (was 0)")]
    [InlineData("Submission:OtherProviders:MaxConcurrent", "0", "Submission:OtherProviders:MaxConcurrent: must be greater than 0 (was 0)")]
    [InlineData("SupportLinks:PublicBaseUrl", "portal.example.jp", "SupportLinks:PublicBaseUrl: 'portal.example.jp' is not an absolute http(s) URL")]
    [InlineData("CheckMail:Address", "check-at-example", "CheckMail:Address: 'check-at-example' is not a mail address")]
    [InlineData("CheckMail:CodeMinutes", "0", "CheckMail:CodeMinutes: must be between 1 and 1440 (was 0)")]
    [InlineData("CheckMail:PortHeader", "X-Port: 587", "CheckMail:PortHeader: 'X-Port: 587' is not a header name")]
    [InlineData("CheckMail:PortByHost:smtp.example.jp", "0", "CheckMail:PortByHost:smtp.example.jp: must be a port number between 1 and 65535 (was 0)")]
    [InlineData("CheckMail:Imap:Host", "imap.example.jp", "CheckMail:Address: is required when CheckMail:Imap:Host is set (members need to know where to write)")]
    [InlineData("CheckMail:Imap:Host", "imap.example.jp", "CheckMail:Imap:User: is required")]
    [InlineData("CheckMail:Imap:Host", "imap.example.jp", "CheckMail:Imap:Password: is required")]
    [InlineData("CheckMail:Imap:TrustedCertificateFile", "missing.pem", null)] // only read when a mailbox is configured
    [InlineData("Outbound:Host", "relay.example.jp", "Outbound:FromAddress: is required when Outbound:Host is set")]
    [InlineData("Outbound:Host", "not a host!", "Outbound:Host: 'not a host!' is not a host name or IP address")]
    [InlineData("Outbound:FromAddress", "noreply-at-example", "Outbound:FromAddress: 'noreply-at-example' is not a mail address")]
    [InlineData("Outbound:Port", "0", "Outbound:Port: must be a port number between 1 and 65535 (was 0)")]
    [InlineData("Outbound:User", "portal", "Outbound:Password: is required when Outbound:User is set")]
    [InlineData("Outbound:Password", "secret", "Outbound:User: is required when Outbound:Password is set")]
    [InlineData("Outbound:MessagesPerMinute", "0", "Outbound:MessagesPerMinute: must be between 1 and 1000000 (was 0)")]
    [InlineData("Outbound:MaxAttempts", "0", "Outbound:MaxAttempts: must be between 1 and 100 (was 0)")]
    [InlineData("Outbound:RetryBaseSeconds", "7200", "Outbound:RetryBaseSeconds: must be between 1 and 3600 (was 7200)")]
    [InlineData("Outbound:BatchSize", "0", "Outbound:BatchSize: must be between 1 and 1000 (was 0)")]
    [InlineData("Outbound:LeaseSeconds", "30", "Outbound:LeaseSeconds: must be between 120 and 86400 (was 30)")]
    [InlineData("Outbound:EraseAfterDays", "-1", "Outbound:EraseAfterDays: must be between 0 and 36500 (was -1)")]
    [InlineData("AutoSetup:RequestsPerClientIpPerMinute", "0", "AutoSetup:RequestsPerClientIpPerMinute: must be greater than 0 (was 0)")]
    public void Each_bad_value_is_reported_with_its_key_and_reason(string key, string value, string? expected)
    {
        var problems = Check(new Dictionary<string, string?> { [key] = value });

        if (expected is null) Assert.Empty(problems);
        else Assert.Contains(expected, problems);
    }

    [Fact]
    public void A_complete_mailbox_with_a_missing_certificate_file_names_the_file()
    {
        var problems = Check(new Dictionary<string, string?>
        {
            ["CheckMail:Address"] = "check@example.jp",
            ["CheckMail:Imap:Host"] = "imap.example.jp",
            ["CheckMail:Imap:User"] = "check",
            ["CheckMail:Imap:Password"] = "secret",
            ["CheckMail:Imap:Port"] = "99999",
            ["CheckMail:Imap:TrustedCertificateFile"] = "missing.pem",
        });

        Assert.Equal(2, problems.Count);
        Assert.Contains("CheckMail:Imap:Port: must be a port number between 1 and 65535 (was 99999)", problems);
        Assert.Contains(problems, p => p.StartsWith("CheckMail:Imap:TrustedCertificateFile: the file '", StringComparison.Ordinal) && p.EndsWith("missing.pem' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void An_outbound_relay_with_a_password_must_encrypt_and_its_certificate_file_must_exist()
    {
        var problems = Check(new Dictionary<string, string?>
        {
            ["Outbound:Host"] = "relay.example.jp",
            ["Outbound:FromAddress"] = "info@example.jp",
            ["Outbound:User"] = "portal",
            ["Outbound:Password"] = "relay-secret",
            ["Outbound:Security"] = "None",
            ["Outbound:TrustedCertificateFile"] = "missing.pem",
        });

        Assert.Equal(2, problems.Count);
        Assert.Contains("Outbound:Security: must be StartTls or SslOnConnect when Outbound:User is set: None would send the password unencrypted", problems);
        Assert.Contains(problems, p => p.StartsWith("Outbound:TrustedCertificateFile: the file '", StringComparison.Ordinal) && p.EndsWith("missing.pem' does not exist", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("relay-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_key()
    {
        var problems = Check(new Dictionary<string, string?> { ["Isp:Submission:Security"] = "Tls13Only" });

        var problem = Assert.Single(problems);
        Assert.Contains("Isp:Submission:Security", problem, StringComparison.Ordinal);
        Assert.Contains("Tls13Only", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = Check(new Dictionary<string, string?>
        {
            ["Isp:Submission:Port"] = "0",
            ["Isp:MailDomain"] = "",
            ["Schedule:TimeZone"] = "Nowhere",
            ["Demo:Port"] = "99999",
        });

        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void A_missing_database_folder_is_named()
    {
        var missing = Path.Combine(_contentRoot.Path, "no-such-folder", "portal.db");

        var problems = Check(new Dictionary<string, string?> { ["Database:ConnectionString"] = missing });

        Assert.Equal([$"Database:ConnectionString: the folder '{Path.GetDirectoryName(missing)}' for the SQLite file does not exist"], problems);
    }

    [Fact]
    public void A_bad_sql_server_connection_string_is_reported_without_echoing_it()
    {
        var problems = Check(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectionString"] = "Server=db;Password=hunter2;Bogus Key=1",
        });

        var problem = Assert.Single(problems);
        Assert.StartsWith("Database:ConnectionString: is not a valid SQL Server connection string", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_name_follows_the_configured_format()
    {
        Assert.Equal("taro@example.jp", new IspOptions { UserNameFormat = UserNameFormat.FullAddress }.UserNameFor("taro@example.jp"));
        Assert.Equal("taro", new IspOptions { UserNameFormat = UserNameFormat.LocalPart }.UserNameFor("taro@example.jp"));
    }

    private List<string> Check(Dictionary<string, string?> settings) => new Infrastructure.ConfigurationProblemsProbe(settings, _contentRoot.Path).Problems();

    public void Dispose() => _contentRoot.Dispose();
}
