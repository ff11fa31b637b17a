using Portal.Core.Configuration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoSetup;

/// <summary>One configuration of the ISP's servers, as the one-click documents must describe it.</summary>
public sealed record MailSetup(
    UserNameFormat UserNameFormat,
    IncomingProtocol Protocol,
    string IncomingHost,
    int IncomingPort,
    ConnectionSecurity IncomingSecurity,
    string SubmissionHost,
    int SubmissionPort,
    ConnectionSecurity SubmissionSecurity)
{
    /// <summary>Both user-name formats, POP3 and IMAP, STARTTLS, SSL and plain on either side.</summary>
    public static readonly IReadOnlyList<MailSetup> Variations =
    [
        new(UserNameFormat.FullAddress, IncomingProtocol.Pop3, "pop.example.jp", 995, ConnectionSecurity.SslOnConnect, "smtp.example.jp", 587, ConnectionSecurity.StartTls),
        new(UserNameFormat.LocalPart, IncomingProtocol.Imap, "imap.example.jp", 143, ConnectionSecurity.StartTls, "smtps.example.jp", 465, ConnectionSecurity.SslOnConnect),
        new(UserNameFormat.LocalPart, IncomingProtocol.Pop3, "pop.example.jp", 110, ConnectionSecurity.None, "smtp.example.jp", 587, ConnectionSecurity.StartTls),
        new(UserNameFormat.FullAddress, IncomingProtocol.Imap, "imap.example.jp", 993, ConnectionSecurity.SslOnConnect, "smtp.example.jp", 2525, ConnectionSecurity.None),
    ];

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, Variations.Count)];

    public Dictionary<string, string?> Settings() => new()
    {
        ["Isp:UserNameFormat"] = UserNameFormat.ToString(),
        ["Isp:Incoming:Protocol"] = Protocol.ToString(),
        ["Isp:Incoming:Host"] = IncomingHost,
        ["Isp:Incoming:Port"] = IncomingPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Isp:Incoming:Security"] = IncomingSecurity.ToString(),
        ["Isp:Submission:Host"] = SubmissionHost,
        ["Isp:Submission:Port"] = SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Isp:Submission:Security"] = SubmissionSecurity.ToString(),
    };

    public PortalFactory Portal(IDictionary<string, string?>? more = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var settings = Settings();
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return new PortalFactory(settings, services);
    }

    /// <summary>What the member types as user name, worked out here rather than by the portal's code.</summary>
    public string UserFor(string address) => UserNameFormat == UserNameFormat.LocalPart ? address.Split('@')[0] : address;
}
