using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Localization;

/// <summary>
/// A timeline or activity detail kept as words and values ({"say":"probe","values":[...]}) rather than an English
/// sentence, so the staff console says it in the staff member's language with names for ids (Staff.Detail.* in
/// PortalText). Details written before, and free text, are shown as they are.
/// </summary>
public sealed record SaidDetail([property: JsonPropertyName("say")] string Key, [property: JsonPropertyName("values")] IReadOnlyList<string> Values)
{
    public static string Say(string key, params string[] values) => JsonSerializer.Serialize(new SaidDetail(key, values));

    public static SaidDetail? Read(string detail)
    {
        if (!detail.StartsWith("{\"say\":", StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<SaidDetail>(detail) is { Key.Length: > 0, Values: not null } said ? said : null;
        }
        catch (JsonException)
        {
            return null; // cut at the column's length, or not ours: shown as it is
        }
    }
}
