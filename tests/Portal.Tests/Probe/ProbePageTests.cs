using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Probe;

/// <summary>"Test my settings" through the web app, against the built-in demo server or a scripted one.</summary>
public sealed class ProbePageTests
{
    private const string Account = "demo@example.jp";
    private const string Password = "demo-587-pass";

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false, HandleCookies = true };

    [Fact]
    public async Task Without_javascript_a_good_account_posts_and_lands_on_a_passing_result()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        using var response = await ProbeForm.PostAsync(client, Account, Password, "thunderbird", "/test?culture=en");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/test/r/[0-9A-Z]{10}$", location);
        var result = await PageReader.GetAsync(client, location + "?culture=en");
        Assert.Equal("pass", result.QuerySelector("#verdict")?.GetAttribute("data-verdict"));
        Assert.Equal("ok", result.QuerySelector("#verdict")?.GetAttribute("data-diagnosis"));
        Assert.Equal(10, result.QuerySelectorAll("#probe-result-steps tbody tr[data-status=pass]").Length);
        Assert.EndsWith(location, result.QuerySelector("#short-url")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("[authentication exchange hidden]", result.QuerySelector("#transcript")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pass_says_the_mail_program_is_still_to_check_and_the_code_read_out_finds_the_result_for_the_member_and_staff()
    {
        await using var portal = await Portal.Tests.Staff.StaffPagesTests.PortalWithStaffAsync();
        using var client = portal.CreateClient(NoRedirects);

        using var response = await ProbeForm.PostAsync(client, Account, Password, "becky-2", "/test?culture=en");
        var location = response.Headers.Location!.OriginalString;
        var result = await PageReader.GetAsync(client, location + "?culture=en");
        var code = location["/test/r/".Length..];
        var spoken = result.QuerySelector("#result-code")!.TextContent;
        // Read out over the phone and typed by hand: lower case, with the hyphen, 0 typed as O.
        var typed = spoken.ToLowerInvariant().Replace('0', 'o');
        using var byHand = await client.GetAsync("/test/r/" + Uri.EscapeDataString(typed));
        using var agent = portal.CreateClient(NoRedirects);
        await Portal.Tests.Staff.StaffPagesTests.SignInAsync(agent, "agent@example.jp");
        var staff = await PageReader.GetAsync(agent, "/staff?culture=en&q=" + Uri.EscapeDataString(typed));

        Assert.Equal("/check?client=becky-2", result.QuerySelector("#next-steps #next-check")!.GetAttribute("href"));
        Assert.Equal("/guides/becky-2", result.QuerySelector("#next-steps #next-guide")!.GetAttribute("href"));
        Assert.Equal($"{code[..5]}-{code[5..]}", spoken);
        Assert.Equal(HttpStatusCode.Redirect, byHand.StatusCode);
        Assert.Equal(location, byHand.Headers.Location!.OriginalString);
        Assert.Equal(location, staff.QuerySelector("#found-result a")!.GetAttribute("href"));
        Assert.Contains("All good", staff.QuerySelector("#found-result")!.TextContent, StringComparison.Ordinal);
        var guide = await PageReader.GetAsync(client, "/guides/becky-2?culture=en");
        Assert.Equal("/check?client=becky-2", guide.QuerySelector("#test-now #check-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_wrong_password_gets_the_cause_and_the_step_of_the_members_guide_that_fixes_it()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        using var response = await ProbeForm.PostAsync(client, Account, "not-my-password", "outlook-express-6", "/test?culture=en");
        var result = await PageReader.GetAsync(client, response.Headers.Location!.OriginalString + "?culture=en");

        Assert.Equal("auth-failed", result.QuerySelector("#verdict")?.GetAttribute("data-diagnosis"));
        Assert.Equal("The user name or password is wrong.", result.QuerySelector("#diagnosis-cause")?.TextContent.Replace("Cause:", "", StringComparison.Ordinal).Trim());
        var fix = result.QuerySelector("#fix-step")?.GetAttribute("href");
        Assert.StartsWith("/guides/outlook-express-6#step-", fix, StringComparison.Ordinal);
        var guide = await PageReader.GetAsync(client, "/guides/outlook-express-6?culture=en");
        Assert.NotNull(guide.GetElementById(fix!.Split('#')[1]));
    }

    [Fact]
    public async Task The_Japanese_result_page_says_every_step_in_Japanese()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        using var passed = await ProbeForm.PostAsync(client, Account, Password, "thunderbird", "/test?culture=ja");
        var pass = await PageReader.GetAsync(client, passed.Headers.Location!.OriginalString + "?culture=ja");
        using var failed = await ProbeForm.PostAsync(client, Account, "not-my-password", "thunderbird", "/test?culture=ja");
        var fail = await PageReader.GetAsync(client, failed.Headers.Location!.OriginalString + "?culture=ja");

        string Detail(AngleSharp.Dom.IDocument page, string step) => page.QuerySelector($"#probe-result-steps tr[data-step={step}] td:last-child")!.TextContent;
        Assert.Equal($"235 {Account} としてログインできました", Detail(pass, "authenticate"));
        Assert.Equal($"<{Account}> から送信できます（実際には何も送っていません：RSET）", Detail(pass, "sender"));
        Assert.Contains(" のポート ", Detail(pass, "connect"), StringComparison.Ordinal);
        Assert.Equal($"535 ユーザー名 {Account} とこのパスワードでは、サーバーがログインを受け付けませんでした", Detail(fail, "authenticate"));
        // No sentence of the English details is left on the Japanese page.
        foreach (var english in new[] { "signed in as", "may send", "refused the user name", " port " })
            Assert.DoesNotContain(english, pass.QuerySelector("#probe-result-steps")!.TextContent + fail.QuerySelector("#probe-result-steps")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_script_endpoint_streams_each_step_then_the_result_address()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);
        var token = PageReader.AntiforgeryToken(await PageReader.GetAsync(client, "/test"));

        using var response = await client.PostAsync("/test/run", new FormUrlEncodedContent(ProbeForm.Fields(token, Account, Password)));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Enumerable.Repeat("step", 10).Append("done"), lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal("resolve", lines[0].GetProperty("name").GetString());
        Assert.StartsWith("/test/r/", lines[^1].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_script_endpoint_needs_the_antiforgery_token()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        using var response = await client.PostAsync("/test/run", new FormUrlEncodedContent(new Dictionary<string, string> { ["Account"] = Account, ["Password"] = Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("taro yamada", "Password1", "Type your mail address or user name, without spaces (for example taro@example.jp).")]
    [InlineData("@example.jp", "Password1", "Type your mail address or user name, without spaces (for example taro@example.jp).")]
    [InlineData(Account, "", "Type your password.")]
    [InlineData("", "Password1", "Type your mail address or user name (for example taro@example.jp).")]
    public async Task Bad_input_gets_a_clear_message_and_keeps_what_was_typed_but_the_password(string account, string password, string message)
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        using var response = await ProbeForm.PostAsync(client, account, password, null, "/test?culture=en");
        var page = await PageReader.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.QuerySelector("#probe-problem")?.TextContent);
        Assert.Equal(account, page.QuerySelector("#account")?.GetAttribute("value") ?? "");
        Assert.Null(page.QuerySelector("#password")?.GetAttribute("value"));
    }

    [Fact]
    public async Task An_account_typed_in_full_width_passes_and_a_very_long_one_is_too_long_not_spaced()
    {
        using var portal = new PortalFactory();
        using var client = portal.CreateClient(NoRedirects);

        using var fullWidth = await ProbeForm.PostAsync(client, "ｄｅｍｏ＠ｅｘａｍｐｌｅ．ｊｐ", Password, null, "/test?culture=en");
        var result = await PageReader.GetAsync(client, fullWidth.Headers.Location!.OriginalString + "?culture=en");
        using var tooLong = await ProbeForm.PostAsync(client, new string('a', 5000), "Password1", null, "/test?culture=en");

        Assert.Equal("pass", result.QuerySelector("#verdict")?.GetAttribute("data-verdict"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("That mail address or user name is too long (254 characters at most). Please type it again.",
            (await PageReader.ParseAsync(tooLong)).QuerySelector("#probe-problem")?.TextContent);
    }

    [Fact]
    public async Task An_account_is_throttled_with_a_time_to_try_again_and_no_connection_is_made()
    {
        await using var server = new ScriptedSmtpServer((c, ct) => c.SendAsync("421 4.3.2 busy", ct));
        using var portal = new PortalFactory(Against(server, new() { ["Submission:Limits:PerAccount"] = "2" }));
        using var client = portal.CreateClient(NoRedirects);

        for (var i = 0; i < 2; i++) (await ProbeForm.PostAsync(client, "hanako@example.jp", "pw", null, "/test?culture=en")).Dispose();
        var connectionsBefore = server.Connections;
        using var third = await ProbeForm.PostAsync(client, "HANAKO@example.jp", "pw", null, "/test?culture=en");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 15 * 60);
        Assert.Contains("Please try again at about", (await PageReader.ParseAsync(third)).QuerySelector("#probe-problem")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, connectionsBefore);
        Assert.Equal(connectionsBefore, server.Connections);
    }

    [Fact]
    public async Task A_client_address_is_throttled_across_accounts()
    {
        await using var server = new ScriptedSmtpServer((c, ct) => c.SendAsync("421 4.3.2 busy", ct));
        using var portal = new PortalFactory(Against(server, new() { ["Submission:Limits:PerClientIp"] = "3" }));
        using var client = portal.CreateClient(NoRedirects);

        for (var i = 0; i < 3; i++) (await ProbeForm.PostAsync(client, $"member{i}@example.jp", "pw", null, "/test")).Dispose();
        using var fourth = await ProbeForm.PostAsync(client, "member9@example.jp", "pw", null, "/test");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(3, server.Connections);
    }

    [Fact]
    public async Task Two_web_nodes_on_one_database_share_the_limits()
    {
        await using var server = new ScriptedSmtpServer((c, ct) => c.SendAsync("421 4.3.2 busy", ct));
        var settings = Against(server, new() { ["Submission:Limits:PerAccount"] = "2" });
        using var nodeA = new PortalFactory(settings);
        using var nodeB = new PortalFactory(settings, databaseFile: nodeA.DatabaseFile);
        using var browserA = nodeA.CreateClient(NoRedirects);
        using var browserB = nodeB.CreateClient(NoRedirects);

        (await ProbeForm.PostAsync(browserA, "jiro@example.jp", "pw", null, "/test")).Dispose();
        (await ProbeForm.PostAsync(browserB, "jiro@example.jp", "pw", null, "/test")).Dispose();
        using var third = await ProbeForm.PostAsync(browserA, "jiro@example.jp", "pw", null, "/test");
        using var fourth = await ProbeForm.PostAsync(browserB, "jiro@example.jp", "pw", null, "/test");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task When_every_probe_slot_is_taken_the_member_is_told_to_try_again_shortly()
    {
        await using var tarpit = new ScriptedSmtpServer(async (_, ct) => await Task.Delay(Timeout.Infinite, ct));
        using var portal = new PortalFactory(Against(tarpit, new()
        {
            ["Submission:Limits:MaxConcurrent"] = "1", ["Submission:Limits:QueueWaitSeconds"] = "0",
            ["Submission:BudgetSeconds"] = "4", ["Submission:StepTimeoutSeconds"] = "3",
        }));
        using var first = portal.CreateClient(NoRedirects);
        using var second = portal.CreateClient(NoRedirects);

        var hanging = ProbeForm.PostAsync(first, "one@example.jp", "pw", null, "/test?culture=en");
        while (tarpit.Connections == 0) await Task.Delay(20);
        using var busy = await ProbeForm.PostAsync(second, "two@example.jp", "pw", null, "/test?culture=en");
        using var finished = await hanging;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("The test is busy right now. Please try again in a minute.", (await PageReader.ParseAsync(busy)).QuerySelector("#probe-problem")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        Assert.Equal(1, tarpit.Connections);
    }

    private static Dictionary<string, string?> Against(ScriptedSmtpServer server, Dictionary<string, string?> more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Isp:Submission:Host"] = "127.0.0.1",
            ["Isp:Submission:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Submission:BudgetSeconds"] = "4",
            ["Submission:StepTimeoutSeconds"] = "2",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }
}
