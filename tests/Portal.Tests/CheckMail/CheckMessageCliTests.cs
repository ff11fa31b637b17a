using System.Text.Json;
using Portal.Cli;

namespace Portal.Tests.CheckMail;

public sealed class CheckMessageCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<(int Code, string Output, string Error)> Run(string stdin, params string[] args)
    {
        File.WriteAllText(_folder.File("appsettings.json"), """
            { "Isp": { "Submission": { "Host": "smtp.example.jp" } },
              "CheckMail": { "OurHosts": [ "smtp.example.jp", "mx1.example.jp" ], "PortHeader": "X-Submission-Port",
                             "PortByHost": { "smtp.example.jp": 587, "mx1.example.jp": 25 } } }
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PortalCommand.RunAsync(args, output, error, CancellationToken.None, _folder.Path, new StringReader(stdin));
        return (code, output.ToString(), error.ToString());
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "CheckMail", "Fixtures", name));

    [Fact]
    public async Task A_message_through_the_submission_listener_is_all_set_as_json()
    {
        var (code, output, _) = await Run(Fixture("postfix-submission.eml"), "check-message", "--json");

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("AllSet", json.GetProperty("verdict").GetString());
        Assert.Equal(587, json.GetProperty("port").GetInt32());
        Assert.Equal("header", json.GetProperty("portSource").GetString());
        Assert.Equal("/guides/thunderbird", json.GetProperty("guide").GetString());
        Assert.True(json.GetProperty("dynamicIp").GetBoolean());
        foreach (var key in new[] { "authenticated", "tls", "program", "clientIp" }) Assert.True(json.TryGetProperty(key, out _), key);
    }

    [Fact]
    public async Task A_message_on_port_25_is_told_in_plain_text()
    {
        var (code, output, _) = await Run(Fixture("postfix-port25.eml"), "check-message");

        Assert.Equal(0, code);
        Assert.Contains("Verdict:       Port25", output, StringComparison.Ordinal);
        Assert.Contains("Port:          25 (inferred)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_it_cannot_read_exits_1_and_no_input_exits_2()
    {
        var (unknown, _, _) = await Run(Fixture("not-our-server.eml"), "check-message", "--json");
        var (empty, _, error) = await Run("", "check-message");

        Assert.Equal(1, unknown);
        Assert.Equal(2, empty);
        Assert.Contains("No message on standard input", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
