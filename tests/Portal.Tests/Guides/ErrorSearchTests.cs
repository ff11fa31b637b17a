using Portal.Tests.Infrastructure;

namespace Portal.Tests.Guides;

/// <summary>The error lookup finds what members paste: the whole dialog, a fragment, or only the code, in either width.</summary>
public sealed class ErrorSearchTests(GuidePagesTests.Portal portal) : IClassFixture<GuidePagesTests.Portal>
{
    private async Task<IReadOnlyList<(string? Program, string? Error)>> SearchAsync(string pasted, string language = "en", string? program = null)
    {
        using var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https });
        var page = await PageReader.GetAsync(client, $"/guides/errors?culture={language}&q={Uri.EscapeDataString(pasted)}{(program is null ? "" : $"&client={program}")}");
        return page.QuerySelectorAll("#search-results li").Select(li => (li.GetAttribute("data-program"), li.GetAttribute("data-error"))).ToList();
    }

    [Theory]
    [InlineData("0x800CCC78")]
    [InlineData("800ccc78")]
    [InlineData("０ｘ８００ＣＣＣ７８")]
    public async Task The_bare_code_finds_the_error_in_every_program_that_shows_it(string code)
    {
        var found = await SearchAsync(code);

        Assert.Contains(("outlook-express-6", "0x800ccc78"), found);
        Assert.Contains(("windows-mail", "0x800ccc78"), found);
        Assert.DoesNotContain(found, f => f.Program == "thunderbird");
    }

    [Fact]
    public async Task The_whole_dialog_as_pasted_finds_its_entry_though_the_address_and_subject_differ()
    {
        const string pasted = "The message could not be sent because one of the recipients was rejected by the server. The rejected e-mail address was 'hanako@other.example'. "
                              + "Subject 'Hello', Account: 'pop.example.jp', Server: 'smtp.example.jp', Protocol: SMTP, Server Response: '550 5.7.1 Unable to relay', Port: 587, Secure(SSL): No, Server Error: 550, Error Number: 0x800CCC79";

        var found = await SearchAsync(pasted, program: "outlook-express-6");

        Assert.Equal(("outlook-express-6", "0x800ccc79"), found[0]);
    }

    [Theory]
    [InlineData("ja", "受信者の 1 人がサーバーによって拒否された", "outlook-express-6", "0x800ccc79")]
    [InlineData("en", "rejected the sender's e-mail address", "outlook-express-6", "0x800ccc78")]
    [InlineData("en", "authentication required", "thunderbird", "tb-auth-required")]
    public async Task A_fragment_of_the_message_finds_it(string language, string fragment, string program, string error) =>
        Assert.Contains((program, error), await SearchAsync(fragment, language));

    [Fact]
    public async Task A_server_reply_code_finds_the_servers_own_entry_for_the_chosen_program()
    {
        var found = await SearchAsync("530", program: "becky-2");

        Assert.Contains(("becky-2", "smtp-530-auth-required"), found);
        Assert.All(found, f => Assert.Equal("becky-2", f.Program));
    }

    [Fact]
    public async Task Nothing_found_says_how_to_search_better()
    {
        using var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https });

        var page = await PageReader.GetAsync(client, "/guides/errors?culture=en&q=" + Uri.EscapeDataString("the printer is on fire"));

        Assert.StartsWith("No error we know matches that.", page.QuerySelector("#lookup-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("the printer is on fire", page.QuerySelector("#pasted")!.GetAttribute("value"));
    }
}
