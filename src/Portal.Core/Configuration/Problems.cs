using System.Net.Mail;

namespace Portal.Core.Configuration;

/// <summary>Collects configuration problems, each naming its key, so an operator sees all of them at once.</summary>
internal sealed class Problems
{
    private readonly List<string> _items = [];

    public IReadOnlyList<string> Items => _items;

    public void Add(string key, string reason) => _items.Add($"{key}: {reason}");

    public void Required(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(key, "is required");
    }

    public void Port(string key, int port)
    {
        if (port is < 1 or > 65535) Add(key, $"must be a port number between 1 and 65535 (was {port})");
    }

    public void HostName(string key, string? host)
    {
        if (string.IsNullOrWhiteSpace(host)) { Add(key, "is required"); return; }
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown) Add(key, $"'{host}' is not a host name or IP address");
    }

    public void MailAddress(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(key, "is required"); return; }
        if (!System.Net.Mail.MailAddress.TryCreate(value, out var parsed) || parsed.Address != value.Trim())
            Add(key, $"'{value}' is not a mail address");
    }

    public void AbsoluteHttpUrl(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(key, "is required"); return; }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            Add(key, $"'{value}' is not an absolute http(s) URL");
    }

    public void Defined<TEnum>(string key, TEnum value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) Add(key, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (was {value})");
    }
}
