using Portal.Core.Guides;

namespace Portal.Tests.Guides;

/// <summary>The content validator, on a copy of a small valid library (Fixtures/) broken one way at a time.</summary>
public sealed class GuideValidationTests : IDisposable
{
    private readonly FixtureGuides _content = new();

    private string GuideFile(string language) => _content.GuideFile(language);

    private void Edit(string language, string from, string to) => _content.Edit(language, from, to);

    private IReadOnlyList<string> Problems() => _content.Load().Problems;

    [Fact]
    public void The_fixture_library_is_valid()
    {
        var (library, problems) = GuideLibrary.TryLoad(Portal.Core.Content.ContentFiles.FromDirectory(_content.Path));

        Assert.Empty(problems);
        var guide = Assert.Single(library!.All("en"));
        Assert.Equal("Sample Mail", guide.Name);
        Assert.Equal("サンプルメール", library.Find("sample-program", "ja")!.Name);
        Assert.Equal("A sample program for the tests.", guide.Introduction);
        Assert.Equal(["server", "port", "auth", "test"], guide.Steps.Select(s => s.Id));
    }

    [Fact]
    public void A_guide_without_one_of_its_languages_fails()
    {
        File.Delete(GuideFile("ja"));

        Assert.Contains("sample-program: guide.ja.md is missing (every guide is written in ja and en)", Problems());
    }

    [Fact]
    public void A_step_without_a_picture_fails()
    {
        Edit("en", "    picture: accounts\n    fixes: [server]", "    fixes: [server]");

        Assert.Contains("sample-program/guide.en.md: step 1 (server): has no picture", Problems());
    }

    [Fact]
    public void A_picture_referenced_but_missing_fails()
    {
        Edit("en", "    picture: advanced\n", "    picture: advanced-tab\n");

        var problems = Problems();
        Assert.Contains("sample-program/guide.en.md: step 2 (port): picture 'advanced-tab' is not defined under 'pictures'", problems);
        Assert.Contains("sample-program/guide.en.md: picture 'advanced' is not used by any step", problems);
    }

    [Fact]
    public void An_unknown_placeholder_fails()
    {
        Edit("en", "Set the port to {port}.", "Set the port to {smtpPort}.");

        Assert.Contains(Problems(), p => p.StartsWith("sample-program/guide.en.md: unknown placeholder {smtpPort}", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_pointing_at_a_missing_step_fails()
    {
        Edit("en", "    step: port\n", "    step: advanced-port\n");

        Assert.Contains("sample-program/guide.en.md: error 'connection-interrupted' points at step 'advanced-port', which does not exist", Problems());
    }

    [Fact]
    public void A_callout_the_picture_does_not_have_fails()
    {
        Edit("en", "{ label: \"Server\", new: \"{server}\", callout: 1 }", "{ label: \"Server\", new: \"{server}\", callout: 7 }");

        Assert.Contains("sample-program/guide.en.md: step 1 (server): field 'Server' has callout 7 but picture 'accounts' has no control with that callout", Problems());
    }

    [Fact]
    public void Languages_that_differ_in_steps_fail()
    {
        Edit("ja", "  - id: test\n", "  - id: send-test\n");

        Assert.Contains("sample-program: the Japanese and English files differ in step ids", Problems());
    }

    [Fact]
    public void A_row_must_start_with_a_control_and_whole_row_controls_cannot_join_one()
    {
        Edit("en", "      - { type: text, label: \"Server\", value: \"{server}\", callout: 1, highlight: true }",
            "      - { type: text, label: \"Server\", value: \"{server}\", callout: 1, highlight: true, beside: true }");
        Edit("en", "      - { type: text, label: \"User name\", value: \"{user}\" }",
            "      - { type: text, label: \"User name\", value: \"{user}\" }\n      - { type: list, label: \"Accounts\", items: [a], beside: true }");

        var problems = Problems();
        Assert.Contains("sample-program/guide.en.md: picture 'accounts': control 'Server' is beside nothing (the first control starts a row)", problems);
        Assert.Contains("sample-program/guide.en.md: picture 'servers': a list takes a whole row and cannot be beside another control ('Accounts')", problems);
    }

    [Fact]
    public void A_guide_that_never_turns_authentication_on_fails()
    {
        Edit("en", "fixes: [auth, user, password]", "fixes: [user, password]");

        Assert.Contains("sample-program/guide.en.md: no step is tagged 'auth' (every guide covers server, port, security, auth, password, test)", Problems());
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_line()
    {
        Edit("en", "versions: \"1.0\"", "versions: [1.0");

        Assert.Contains(Problems(), p => p.StartsWith("sample-program/guide.en.md: line ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_key_is_a_problem_not_silently_ignored()
    {
        Edit("en", "era: current", "era: current\nplatfrom: windows");

        Assert.Contains(Problems(), p => p.StartsWith("sample-program/guide.en.md: line ", StringComparison.Ordinal) && p.Contains("platfrom", StringComparison.Ordinal));
    }

    [Fact]
    public void A_common_error_with_an_unknown_fix_fails()
    {
        File.WriteAllText(Path.Combine(_content.Path, "errors.en.yaml"), "- { id: \"530\", message: \"x\", cause: \"y\", fix: authentication }\n- { id: \"535\", message: \"x\", cause: \"y\", fix: password }\n");

        Assert.Contains("errors.en.yaml: error '530' fix 'authentication' is not a known tag (server, port, security, auth, user, password, test)", Problems());
    }

    [Fact]
    public void Load_throws_with_every_problem_for_start_up()
    {
        File.Delete(GuideFile("ja"));
        Edit("en", "    step: port\n", "    step: nowhere\n");

        var error = Assert.Throws<Portal.Core.PortalStartupException>(() => GuideLibrary.Load(Portal.Core.Content.ContentFiles.FromDirectory(_content.Path)));

        Assert.Contains("2 problem(s)", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _content.Dispose();
}
