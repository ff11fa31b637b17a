using Microsoft.Extensions.Options;
using Portal.Core.Configuration;
using Portal.Core.DemoSubmission;

namespace Portal.Web.Guides;

/// <summary>The values a guide's placeholders stand for: the ISP's servers and the member's address and user name.</summary>
public sealed record GuideValues(
    string Server,
    int Port,
    ConnectionSecurity Security,
    string Address,
    string User,
    bool AddressIsExample,
    UserNameFormat UserNameFormat,
    string IncomingServer,
    int IncomingPort,
    string IncomingProtocol,
    string Isp)
{
    /// <summary>Placeholders that change when the member types their address in the page.</summary>
    public static bool IsMemberValue(string name) => name is "address" or "user";

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
        _ => throw new ArgumentOutOfRangeException(nameof(placeholder), placeholder, "Unknown guide placeholder."),
    };

    public bool Applies(IReadOnlyCollection<ConnectionSecurity>? when) => when is null || when.Count == 0 || when.Contains(Security);
}

/// <summary>Builds <see cref="GuideValues"/> from the configuration, for an example member or a known one.</summary>
public sealed class GuideValuesSource(IOptions<IspOptions> isp, DemoMode demo)
{
    public GuideValues For(string language, string? memberAddress = null)
    {
        var o = isp.Value;
        var submission = demo.IsOn ? demo.Server : o.Submission;
        var isExample = string.IsNullOrWhiteSpace(memberAddress);
        var address = isExample ? $"taro@{o.MailDomain}" : memberAddress!.Trim();
        return new GuideValues(
            submission.Host, submission.Port, submission.Security, address, o.UserNameFor(address), isExample, o.UserNameFormat,
            o.Incoming.Host, o.Incoming.Port, o.Incoming.Protocol == IncomingProtocol.Imap ? "IMAP" : "POP3", o.DisplayName(language));
    }
}
