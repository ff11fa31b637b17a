using Microsoft.Extensions.Options;

namespace Portal.Core.Configuration;

/// <summary>
/// Collects configuration problems, each naming its key, so an operator sees all of them at once. Every options
/// validator is an IValidateOptions class beside its options, built on this and ending with <see cref="Result"/>.
/// </summary>
internal sealed class Problems
{
    private readonly List<string> _items = [];

    public IReadOnlyList<string> Items => _items;

    public void Add(string key, string reason) => _items.Add($"{key}: {reason}");

    public ValidateOptionsResult Result() => _items.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_items);

    public void Positive(string key, int value)
    {
        if (value <= 0) Add(key, $"must be greater than 0 (was {value})");
    }

    public void Between(string key, int value, int min, int max)
    {
        if (value < min || value > max) Add(key, $"must be between {min} and {max} (was {value})");
    }

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

    /// <summary>Each entry a network in CIDR form, reported under its index (key:0, key:1...).</summary>
    public void Networks(string key, IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(values[i]?.Trim(), out _))
                Add($"{key}:{i}", $"'{values[i]}' is not a network in CIDR form (e.g. 10.0.0.0/24 or 2001:db8::/32)");
        }
    }

    public void Defined<TEnum>(string key, TEnum value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) Add(key, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (was {value})");
    }
}
