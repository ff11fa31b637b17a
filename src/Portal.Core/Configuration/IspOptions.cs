namespace Portal.Core.Configuration;

/// <summary>The ISP whose members this portal serves: its names, its support desk and its mail servers.</summary>
public sealed class IspOptions
{
    public const string Section = "Isp";

    public LocalizedName Name { get; set; } = new();

    /// <summary>The domain of members' addresses (taro@<c>MailDomain</c>).</summary>
    public string MailDomain { get; set; } = "example.jp";

    public SupportContact Support { get; set; } = new();

    /// <summary>The submission server every member must move to. An empty host means "not configured": demo mode.</summary>
    public MailServer Submission { get; set; } = new() { Host = "", Port = 587, Security = ConnectionSecurity.StartTls };

    /// <summary>Optional implicit-TLS submission (RFC 8314, port 465); empty host when the ISP does not offer it.</summary>
    public MailServer ImplicitTls { get; set; } = new() { Host = "", Port = 465, Security = ConnectionSecurity.SslOnConnect };

    public UserNameFormat UserNameFormat { get; set; } = UserNameFormat.FullAddress;

    public IncomingServer Incoming { get; set; } = new();

    /// <summary>Documentation ranges (RFC 5737, RFC 3849) standing in until the ISP configures its own.</summary>
    public static readonly IReadOnlyList<string> ExampleDynamicRanges = ["198.51.100.0/24", "203.0.113.0/24", "2001:db8:8000::/33"];

    /// <summary>
    /// The ISP's dynamic IP ranges (CIDR, IPv4 and IPv6): a mail server on one of them can no longer send.
    /// Unset means <see cref="ExampleDynamicRanges"/>. (A default array would be appended to, not replaced, by the binder.)
    /// </summary>
    public string[]? DynamicRanges { get; set; }

    public IReadOnlyList<string> EffectiveDynamicRanges => DynamicRanges ?? ExampleDynamicRanges;

    /// <summary>The dynamic range holding an address, if any.</summary>
    public System.Net.IPNetwork? DynamicRangeOf(System.Net.IPAddress address)
    {
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var range in EffectiveDynamicRanges)
        {
            if (System.Net.IPNetwork.TryParse(range, out var network) && network.Contains(candidate)) return network;
        }

        return null;
    }

    /// <summary>The ISP's name in the language the page is shown in.</summary>
    public string DisplayName(string language) => language == "en" ? Name.En : Name.Ja;

    /// <summary>The user name a member types into their mail program, from their address.</summary>
    public string UserNameFor(string address) => UserNameFormat.UserNameFor(address);
}

public sealed class LocalizedName
{
    public string Ja { get; set; } = "サンプルネット";
    public string En { get; set; } = "Sample Net";
}

public sealed class SupportContact
{
    public string Phone { get; set; } = "0120-000-587";
    public string Email { get; set; } = "support@example.jp";
    public string Url { get; set; } = "https://support.example.jp/";
}

public class MailServer
{
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public ConnectionSecurity Security { get; set; }
}

public sealed class IncomingServer : MailServer
{
    public IncomingServer()
    {
        Host = "pop.example.jp";
        Port = 995;
        Security = ConnectionSecurity.SslOnConnect;
    }

    public IncomingProtocol Protocol { get; set; } = IncomingProtocol.Pop3;
}

public enum IncomingProtocol
{
    Pop3,
    Imap,
}

/// <summary>What members type as their user name: the whole address or only the part before the @.</summary>
public enum UserNameFormat
{
    FullAddress,
    LocalPart,
}

public static class UserNameFormats
{
    /// <summary>The one rule for a member's user name: the address, or the part before its @.</summary>
    public static string UserNameFor(this UserNameFormat format, string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return format == UserNameFormat.LocalPart && at > 0 ? address[..at] : address;
    }
}
