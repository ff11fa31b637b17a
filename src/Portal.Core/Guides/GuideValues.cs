using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Core.Guides;

/// <summary>The values a guide's placeholders stand for: the ISP's servers and the member's address and user name.</summary>
public sealed record GuideValues(
    string Server,
    int Port,
    ConnectionSecurity Security,
    string Address,
    string User,
    UserNameFormat UserNameFormat,
    string IncomingServer,
    int IncomingPort,
    string IncomingProtocol,
    string Isp,
    MailServer? ImplicitTls = null)
{
    /// <summary>Words a <c>when:</c> list may hold besides the security settings: whether the ISP also offers port 465.</summary>
    public const string Offers465 = "Offers465";
    public const string No465 = "No465";

    public static readonly IReadOnlyList<string> Conditions = [.. Enum.GetNames<ConnectionSecurity>(), Offers465, No465];

    /// <summary>Where this program sends (see <see cref="ProgramSending"/>); null when it cannot send to the ISP securely.</summary>
    public MailServer? SendingFor(Guide guide) => ProgramSending.Choose(Submission, ImplicitTls, guide.Sends);

    /// <summary>The ISP's main outgoing server, as these values name it.</summary>
    public MailServer Submission => new() { Host = Server, Port = Port, Security = Security };

    /// <summary>
    /// The same values with the outgoing server this program really sends to, for texts about its own sending (the
    /// error help); unchanged when it cannot send securely at all.
    /// </summary>
    public GuideValues SentBy(Guide guide) =>
        SendingFor(guide) is { } server ? this with { Server = server.Host, Port = server.Port, Security = server.Security } : this;

    public string Get(string placeholder) => placeholder switch
    {
        "server" => Server,
        "port" => Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "address" => Address,
        "user" => User,
        "incomingServer" => IncomingServer,
        "incomingPort" => IncomingPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "incomingProtocol" => IncomingProtocol,
        "isp" => Isp,
        "implicitTlsServer" => ImplicitTls?.Host ?? "",
        "implicitTlsPort" => ImplicitTls?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(placeholder), placeholder, "Unknown guide placeholder."),
    };

    /// <summary>
    /// Whether content marked <c>when: [...]</c> applies: security words must include the configured one,
    /// and Offers465 / No465 must match whether the ISP offers implicit TLS.
    /// </summary>
    public bool Applies(IReadOnlyCollection<string>? when)
    {
        if (when is null || when.Count == 0) return true;
        var securities = when.Where(w => w is not (Offers465 or No465)).ToList();
        if (securities.Count > 0 && !securities.Contains(Security.ToString())) return false;
        if (when.Contains(Offers465) && ImplicitTls is null) return false;
        if (when.Contains(No465) && ImplicitTls is not null) return false;
        return true;
    }
}

/// <summary>Builds <see cref="GuideValues"/> from the configuration, for an example member or a known one.</summary>
public sealed class GuideValuesSource(IOptions<IspOptions> isp, DemoMode demo)
{
    public GuideValues For(string language, string? memberAddress = null)
    {
        var o = isp.Value;
        var submission = demo.Submission;
        var address = string.IsNullOrWhiteSpace(memberAddress) ? $"taro@{o.MailDomain}" : memberAddress.Trim();
        return new GuideValues(
            submission.Host, submission.Port, submission.Security, address, o.UserNameFor(address), o.UserNameFormat,
            o.Incoming.Host, o.Incoming.Port, o.Incoming.Protocol == IncomingProtocol.Imap ? "IMAP" : "POP3", o.DisplayName(language),
            demo.ImplicitTls);
    }
}
