using System.Text.Json;
using Portal.Core.Guides;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Guides;

/// <summary>Every label a guide shows has a recorded source or is marked unverified: the report counts them, the validator checks the records.</summary>
public sealed class GuideLabelTests : IDisposable
{
    private readonly FixtureGuides _content = new();

    public void Dispose() => _content.Dispose();

    private void Checked(string yaml) =>
        _content.Edit("en", "sources: [\"made up for the tests\"]\n", $"sources: [\"made up for the tests\"]\nchecked:\n{yaml}");

    private (GuideLibrary? Library, IReadOnlyList<string> Problems) Load() => _content.Load();

    [Fact]
    public void The_report_sorts_each_label_shown_into_sourced_unverified_or_recorded_nowhere()
    {
        Checked("""
              - labels: ["Tools", "Accounts", "Advanced", "Servers", "Properties", "Not shown anywhere"]
                source: "https://example.org/sample-mail/help"
                shows: "the menus and the Properties window"
              - labels: ["Use SSL"]
                unverified: "no source shows this version's Advanced tab"

            """);
        var (library, problems) = Load();
        Assert.Empty(problems);

        var report = GuideLabels.Report(library!.Find("sample-program", "en")!);

        Assert.Equal(["Tools", "Accounts", "Advanced", "Properties", "Servers"], report.Sourced);
        Assert.Equal(["Use SSL"], report.Unverified);
        Assert.Equal("no source shows this version's Advanced tab", report.Why["Use SSL"]);
        // Values the member types ({server}, {port}, {user}) are not labels; the error text the program shows is.
        Assert.Equal(["Server", "Port", "My server requires authentication", "User name", "File", "New", "The connection to the server was interrupted."], report.Unrecorded);
        Assert.Equal(13, report.Shown);
    }

    [Theory]
    [InlineData("  - labels: [\"Tools\"]\n", "checked 1 needs either a source (with what it shows) or 'unverified' with why, not both")]
    [InlineData("  - labels: [\"Tools\"]\n    source: \"https://example.org\"\n    shows: \"menus\"\n    unverified: \"also\"\n", "checked 1 needs either a source (with what it shows) or 'unverified' with why, not both")]
    [InlineData("  - labels: [\"Tools\"]\n    source: \"https://example.org\"\n", "checked 1 (https://example.org) must say what the source shows")]
    [InlineData("  - labels: []\n    unverified: \"why\"\n", "checked 1 names no labels")]
    public void A_record_without_its_source_or_its_reason_is_refused(string yaml, string problem)
    {
        Checked(yaml);

        Assert.Contains($"sample-program/guide.en.md: {problem}", Load().Problems);
    }

    [Fact]
    public async Task The_tool_reports_per_guide_and_names_what_is_recorded_nowhere()
    {
        var (code, output, _) = await CliRun.InAsync(_content.Path, null, "guides", "report", "--guide", "thunderbird", "--json");

        Assert.Equal(0, code);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["ja", "en"], rows.Select(r => r.GetProperty("language").GetString()));
        // Thunderbird's labels all come from its localisation files: none is recorded nowhere.
        Assert.All(rows, r => Assert.Equal(r.GetProperty("shown").GetInt32(), r.GetProperty("sourced").GetInt32() + r.GetProperty("unverified").GetArrayLength()));
        Assert.All(rows, r => Assert.Empty(r.GetProperty("unrecorded").EnumerateArray()));
        // Each label that remains unverified says why.
        Assert.All(rows.SelectMany(r => r.GetProperty("unverified").EnumerateArray()), u => Assert.False(string.IsNullOrWhiteSpace(u.GetProperty("why").GetString())));

        var (unknown, _, error) = await CliRun.InAsync(_content.Path, null, "guides", "report", "--guide", "no-such-program");
        Assert.Equal(2, unknown);
        Assert.Contains("There is no guide 'no-such-program'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guide_that_records_its_sources_records_every_label_it_shows()
    {
        var library = GuideLibrary.Load(GuideLibrary.BuiltIn());

        var recording = GuideLibrary.Languages.SelectMany(library.All).Where(g => g.Checked.Count > 0).ToList();

        Assert.Contains(recording, g => g.Id == "becky-2");
        Assert.Contains(recording, g => g.Id == "outlook-express-6");
        Assert.All(recording, g => Assert.True(GuideLabels.Report(g).Unrecorded.Count == 0,
            $"{g.Id} ({g.Language}) shows labels recorded nowhere: {string.Join(" | ", GuideLabels.Report(g).Unrecorded)}"));
    }
}
