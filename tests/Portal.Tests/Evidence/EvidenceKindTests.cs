using System.Text.Json;
using Portal.Core.Evidence;

namespace Portal.Tests.Evidence;

public sealed class EvidenceKindTests
{
    [Theory]
    [InlineData(EvidenceKind.Port25NoAuth, "port25-noauth")]
    [InlineData(EvidenceKind.Port25Auth, "port25-auth")]
    [InlineData(EvidenceKind.SubmissionAuth, "submission-auth")]
    [InlineData(EvidenceKind.AuthFailed, "auth-failed")]
    public void Each_kind_has_one_wire_name_in_code_and_in_json(EvidenceKind kind, string wireName)
    {
        Assert.Equal(wireName, kind.WireName());
        Assert.Equal($"\"{wireName}\"", JsonSerializer.Serialize(kind));
        Assert.Equal(kind, JsonSerializer.Deserialize<EvidenceKind>($"\"{wireName}\""));
        Assert.True(EvidenceKinds.TryParseWireName(wireName, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData("Port25NoAuth")]
    [InlineData("PORT25-NOAUTH")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_are_not_kinds(string? name) => Assert.False(EvidenceKinds.TryParseWireName(name, out _));
}
