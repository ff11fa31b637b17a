using System.Globalization;
using Portal.Core.Configuration;

namespace Portal.Core.Evidence;

/// <summary>One block of Postfix configuration for operators: which file it goes in, its lines, and what it is for.</summary>
/// <param name="Purpose">A key the staff console words (Staff.Postfix.Purpose.*).</param>
public sealed record PostfixSetting(string File, string Purpose, IReadOnlyList<string> Lines);

/// <summary>
/// The Postfix settings that make the log's evidence complete and point members still on port 25 to the guides, made
/// from the portal's own configuration: the submission services' ports and their syslog names (so that
/// <see cref="EvidenceOptions.IsSubmission"/> knows them), the sign-in recorded in the Received header (which Check my
/// mail program reads), and the reply a program still sending on port 25 gets once the block date has come.
/// </summary>
public static class PostfixSettings
{
    public static IReadOnlyList<PostfixSetting> For(IspOptions isp, EvidenceOptions evidence, Uri guides)
    {
        var submission = Service(isp.Submission.Port, 587, "submission");
        var smtps = Service(isp.ImplicitTls.Port, 465, "smtps");
        // An SMTP reply is ASCII (RFC 5321), so the footer is English and an address; "\c" continues Postfix's own reply line.
        var footer = $"\\c; send on port {isp.Submission.Port.ToString(CultureInfo.InvariantCulture)} with SMTP-AUTH, see {new Uri(guides, "guides/errors").AbsoluteUri}";
        var others = evidence.SubmissionSyslogNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var settings = new List<PostfixSetting>
        {
            new("master.cf", "Submission",
            [
                $"{submission.Name} inet n - y - - smtpd",
                $"  -o syslog_name={submission.SyslogName}",
                "  -o smtpd_tls_security_level=encrypt",
                "  -o smtpd_sasl_auth_enable=yes",
                "  -o smtpd_client_restrictions=permit_sasl_authenticated,reject",
                $"{smtps.Name} inet n - y - - smtpd",
                $"  -o syslog_name={smtps.SyslogName}",
                "  -o smtpd_tls_wrappermode=yes",
                "  -o smtpd_sasl_auth_enable=yes",
                "  -o smtpd_client_restrictions=permit_sasl_authenticated,reject",
            ]),
            new("main.cf", "AuthenticatedHeader", ["smtpd_sasl_authenticated_header = yes"]),
            new("main.cf", "RejectFooter", [$"port25_reject_footer = {footer}"]),
            new("master.cf", "RejectFooterService",
            [
                "smtp inet n - y - - smtpd",
                "  -o smtpd_reject_footer=$port25_reject_footer",
            ]),
        };
        if (others.Count > 0) settings.Add(new PostfixSetting("appsettings.json", "OtherSyslogNames", others.Select(n => $"Evidence:SubmissionSyslogNames: {n}").ToList()));
        return settings;
    }

    /// <summary>master.cf names a service by its /etc/services name or its port; the syslog name always says "submission" or "smtps".</summary>
    private static (string Name, string SyslogName) Service(int port, int standardPort, string standardName) => port == standardPort
        ? (standardName, $"postfix/{standardName}")
        : (port.ToString(CultureInfo.InvariantCulture), $"postfix/{standardName}-{port.ToString(CultureInfo.InvariantCulture)}");
}
