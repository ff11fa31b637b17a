using Portal.Core.AutoSetup;
using Portal.Core.Guides;
using System.Xml.Linq;
using AngleSharp.Dom;
using Portal.Core.Configuration;
using Portal.Tests.Guides;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoSetup;

/// <summary>The guides of programs that can set themselves up offer that first, as data (autoSetup:) checked by the validator.</summary>
public sealed class AutoSetupGuideTests(AutoSetupGuideTests.Portal portal) : IClassFixture<AutoSetupGuideTests.Portal>, IDisposable
{
    public sealed class Portal() : PortalFactory(new Dictionary<string, string?> { ["Isp:Submission:Host"] = "smtp.example.jp" });

    public static readonly Dictionary<string, string> Expected = new()
    {
        ["thunderbird"] = AutoSetupKind.ThunderbirdAutoconfig,
        ["outlook-classic"] = AutoSetupKind.OutlookAutodiscover,
        ["apple-mail"] = AutoSetupKind.AppleProfile,
        ["iphone-mail"] = AutoSetupKind.AppleProfile,
    };

    private readonly TempFolder _content = new();

    public static TheoryData<string, string> GuidesInBothLanguages()
    {
        var rows = new TheoryData<string, string>();
        foreach (var id in Expected.Keys.Append("becky-2").Append("gmail-android"))
        {
            rows.Add(id, "ja");
            rows.Add(id, "en");
        }

        return rows;
    }

    [Fact]
    public void The_programs_that_can_set_themselves_up_say_how_and_the_others_do_not()
    {
        var library = GuideLibrary.Load(GuideContentTests.Content);

        foreach (var language in GuideLibrary.Languages)
            Assert.Equal(Expected.OrderBy(p => p.Key), library.All(language).Where(g => g.AutoSetup is not null).Select(g => KeyValuePair.Create(g.Id, g.AutoSetup!)).OrderBy(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(GuidesInBothLanguages))]
    public async Task The_one_click_box_comes_before_the_first_step(string id, string language)
    {
        using var client = portal.CreateClient();

        var page = await PageReader.GetAsync(client, $"/guides/{id}?culture={language}");

        var box = page.QuerySelector("#auto-setup");
        if (!Expected.TryGetValue(id, out var kind))
        {
            Assert.Null(box);
            return;
        }

        Assert.NotNull(box);
        Assert.Equal(kind, box!.GetAttribute("data-auto-setup"));
        var firstStep = page.QuerySelector("#steps > li.step")!;
        Assert.True(box.CompareDocumentPosition(firstStep).HasFlag(DocumentPositions.Following), "the box should come before the steps");
        Assert.True(box.CompareDocumentPosition(page.QuerySelector("#settings-card")!).HasFlag(DocumentPositions.Following), "the box should come before the manual settings");
        var text = box.QuerySelector("h2 + p")!.TextContent;
        Assert.Contains(language == "en" ? "Sample Net" : "サンプルネット", text, StringComparison.Ordinal);
        Assert.Contains("587", text, StringComparison.Ordinal);
        var form = box.QuerySelector("form#auto-setup-form");
        Assert.Equal(kind == AutoSetupKind.AppleProfile, form is not null);
        if (form is not null)
        {
            Assert.Equal("get", form.GetAttribute("method"));
            Assert.Equal("/auto-setup/apple", form.GetAttribute("action"));
            Assert.NotNull(form.QuerySelector("input#auto-setup-address[name=address][type=email]"));
        }
    }

    [Fact]
    public void Every_kind_has_its_words_in_both_languages()
    {
        foreach (var file in new[] { "PortalText.resx", "PortalText.en.resx" })
        {
            var keys = XDocument.Load(Path.Combine(PortalPaths.Locate().ContentRoot, "Localization", file)).Root!.Elements("data")
                .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value)).Select(d => (string)d.Attribute("name")!).ToHashSet();
            Assert.All(AutoSetupKind.All, kind => Assert.Contains(AutoSetupKind.BoxTextKey(kind), keys));
        }
    }

    [Fact]
    public void The_validator_accepts_a_known_kind_in_both_languages()
    {
        CopyFixtures();
        AddAutoSetup("ja", "apple-profile");
        AddAutoSetup("en", "apple-profile");

        var (library, problems) = GuideLibrary.TryLoad(global::Portal.Core.Content.ContentFiles.FromDirectory(_content.Path));

        Assert.Empty(problems);
        Assert.Equal("apple-profile", library!.Find("sample-program", "en")!.AutoSetup);
    }

    [Fact]
    public void The_validator_refuses_an_unknown_kind_and_a_kind_in_one_language_only()
    {
        CopyFixtures();
        AddAutoSetup("ja", "carrier-pigeon");

        var problems = GuideLibrary.TryLoad(global::Portal.Core.Content.ContentFiles.FromDirectory(_content.Path)).Problems;

        Assert.Contains("sample-program/guide.ja.md: autoSetup 'carrier-pigeon' must be one of thunderbird-autoconfig, outlook-autodiscover, apple-profile", problems);
        Assert.Contains("sample-program: the Japanese and English files differ in autoSetup", problems);
    }

    private void CopyFixtures()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Guides", "Fixtures");
        foreach (var file in Directory.EnumerateFiles(fixtures, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_content.Path, Path.GetRelativePath(fixtures, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private void AddAutoSetup(string language, string kind)
    {
        var file = Path.Combine(_content.Path, "sample-program", $"guide.{language}.md");
        var text = File.ReadAllText(file);
        Assert.Contains("\norder: 1\n", text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace("\norder: 1\n", $"\norder: 1\nautoSetup: {kind}\n", StringComparison.Ordinal));
    }

    public void Dispose() => _content.Dispose();
}
