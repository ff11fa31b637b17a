using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Staff;

/// <summary>The staff console through HTTP: sign-in, roles, the import form, search and the member page.</summary>
public sealed class StaffPagesTests
{
    private const string Password = "a long staff password";

    private static readonly WebApplicationFactoryClientOptions Browser = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    internal static async Task<PortalFactory> PortalWithStaffAsync(IDictionary<string, string?>? settings = null)
    {
        var portal = new PortalFactory(settings);
        var accounts = portal.Services.GetRequiredService<StaffAccounts>();
        Assert.Null(await accounts.AddAsync("admin@example.jp", StaffRoles.Admin, Password, CancellationToken.None));
        Assert.Null(await accounts.AddAsync("agent@example.jp", StaffRoles.Agent, Password, CancellationToken.None));
        return portal;
    }

    internal static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password, string returnUrl = "")
    {
        var page = await PageReader.GetAsync(client, "/staff/sign-in?culture=en");
        return await client.PostAsync("/staff/sign-in?culture=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(page), ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl,
        }));
    }

    [Fact]
    public async Task The_console_asks_for_sign_in_and_returns_only_to_local_pages()
    {
        await using var portal = await PortalWithStaffAsync();
        using var client = portal.CreateClient(Browser);

        using var anonymous = await client.GetAsync("/staff");
        using var wrong = await SignInAsync(client, "admin@example.jp", "not the password");
        using var elsewhere = await SignInAsync(client, "admin@example.jp", returnUrl: "https://evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/staff/sign-in?ReturnUrl=%2Fstaff", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("The address or the password is wrong.", (await PageReader.ParseAsync(wrong)).QuerySelector("#sign-in-problem")!.TextContent);
        Assert.Equal("/staff", elsewhere.Headers.Location!.OriginalString);
        using var console = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        var actions = await portal.Services.GetRequiredService<StaffAudit>().RecentAsync(10, CancellationToken.None);
        Assert.Equal(["signed-in", "sign-in-refused"], actions.Select(a => a.Action));
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_account_is_locked_answered_as_a_wrong_password_and_its_owner_told_by_mail()
    {
        await using var portal = await PortalWithStaffAsync();
        using var client = portal.CreateClient(Browser);
        using var wrongAddress = await SignInAsync(client, "nobody@example.jp", "no-account-pw-7Qz");

        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(client, "agent@example.jp", $"wrong {i}")).StatusCode);
        using var fifth = await SignInAsync(client, "agent@example.jp", "wrong 5");
        using var right = await SignInAsync(client, "agent@example.jp");

        // Nothing in the answer tells a locked account from a wrong password or an address that has no account.
        var answers = new[] { wrongAddress, fifth, right };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        var problems = await Task.WhenAll(answers.Select(async a => (await PageReader.ParseAsync(a)).QuerySelector("#sign-in-problem")!.TextContent));
        Assert.All(problems, p => Assert.Equal("The address or the password is wrong.", p));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={portal.DatabaseFile}");
        var notices = (await Dapper.SqlMapper.QueryAsync<(string To, string Text)>(connection, "SELECT ToAddress, TextBody FROM OutboxMessages WHERE Kind = 'staff-notice'")).ToList();
        var notice = Assert.Single(notices);
        Assert.Equal("agent@example.jp", notice.To);
        Assert.Contains("is locked until", notice.Text, StringComparison.Ordinal);
        var actions = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT Action FROM StaffActions WHERE Staff = 'agent@example.jp' ORDER BY Id")).ToList();
        Assert.Equal(["sign-in-refused", "sign-in-refused", "sign-in-refused", "sign-in-refused", "account-locked", "sign-in-while-locked"], actions);
    }

    [Fact]
    public async Task One_address_failing_on_many_accounts_is_told_to_wait()
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?> { ["Staff:SignInFailuresPerClientIp"] = "3" });
        using var client = portal.CreateClient(Browser);

        foreach (var name in new[] { "a", "b", "c" }) Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(client, $"{name}@example.jp", "guess-pw-7Qz")).StatusCode);
        using var fourth = await SignInAsync(client, "d@example.jp", "guess-pw-7Qz");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.StartsWith("Too many failed sign-ins from your network.", (await PageReader.ParseAsync(fourth)).QuerySelector("#sign-in-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_searches_members_but_only_an_admin_imports_them()
    {
        await using var portal = await PortalWithStaffAsync();
        using var agent = portal.CreateClient(Browser);
        using var admin = portal.CreateClient(Browser);
        await SignInAsync(agent, "agent@example.jp");
        await SignInAsync(admin, "admin@example.jp");

        using var denied = await agent.GetAsync("/staff/members/import");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/staff/denied", denied.Headers.Location!.AbsolutePath);

        var form = await PageReader.GetAsync(admin, "/staff/members/import?culture=en");
        var csv = "account,email,name,program,language\ntaro,taro@example.jp,山田 太郎,becky-2,ja\nhanako,bad-address,Hanako,,en\n";
        using var refused = await admin.PostAsync("/staff/members/import?culture=en", Upload(PageReader.AntiforgeryToken(form), csv, validOnly: false));
        var refusedPage = await PageReader.ParseAsync(refused);
        using var imported = await admin.PostAsync("/staff/members/import?culture=en", Upload(PageReader.AntiforgeryToken(form), csv, validOnly: true));
        var importedPage = await PageReader.ParseAsync(imported);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("UTF-8, 2 rows, 1 valid, 1 problems", refusedPage.QuerySelector("#import-summary")!.TextContent);
        Assert.Equal(["3", "email", "'bad-address' is not a mail address"], refusedPage.QuerySelectorAll("#import-problems tbody td").Select(td => td.TextContent));
        Assert.Null(refusedPage.QuerySelector("#import-done"));
        Assert.Equal("Imported: 1 added, 0 updated", importedPage.QuerySelector("#import-done")!.TextContent);

        var search = await PageReader.GetAsync(agent, "/staff?q=%E5%B1%B1%E7%94%B0&culture=en");
        var link = search.QuerySelector("#members tbody a")!;
        Assert.Equal("taro", link.TextContent);
        var member = await PageReader.GetAsync(agent, link.GetAttribute("href")! + "?culture=en");
        Assert.Equal("NotContacted", member.QuerySelector("#member-status")!.GetAttribute("data-status"));
        Assert.Equal(["imported"], member.QuerySelectorAll("#timeline tbody tr").Select(tr => tr.GetAttribute("data-kind")));
        Assert.Contains("by admin@example.jp", member.QuerySelector("#timeline tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Japanese_the_console_names_programs_languages_states_and_actions_and_words_import_problems()
    {
        await using var portal = await PortalWithStaffAsync();
        using var admin = portal.CreateClient(Browser);
        await SignInAsync(admin, "admin@example.jp");

        var form = await PageReader.GetAsync(admin, "/staff/members/import?culture=ja");
        var csv = "account,email,name,program,language\ntaro,taro@example.jp,山田 太郎,becky-2,ja\njiro,jiro@example.jp,Jiro,beckey,fr\n";
        using var refused = await admin.PostAsync("/staff/members/import?culture=ja", Upload(PageReader.AntiforgeryToken(form), csv, validOnly: true));
        var report = await PageReader.ParseAsync(refused);
        var taro = (await portal.Services.GetRequiredService<Portal.Core.Members.MemberStore>().FindByAddressAsync("taro", CancellationToken.None))!;
        using var sent = await Portal.Tests.SupportLinks.SupportLinkPagesTests.SendToMemberAsync(admin, taro, "ja");
        var member = await PageReader.GetAsync(admin, $"/staff/members/{taro.Id}?culture=ja");
        var activity = await PageReader.GetAsync(admin, "/staff/activity?culture=ja");
        var search = await PageReader.GetAsync(admin, "/staff?q=taro&culture=ja");

        // The ids a file may use are listed before a file is chosen, with the names staff know.
        Assert.Contains(form.QuerySelectorAll("#import-programs tbody tr"), tr => tr.TextContent.Contains("becky-2", StringComparison.Ordinal) && tr.TextContent.Contains("Becky!", StringComparison.Ordinal));
        var problems = report.QuerySelectorAll("#import-problems tbody tr").Select(tr => tr.QuerySelectorAll("td")[2].TextContent).ToList();
        Assert.StartsWith("「beckey」というメールソフトのIDはありません", problems[0], StringComparison.Ordinal);
        Assert.Equal("「fr」は ja でも en でもありません", problems[1]);
        var facts = member.QuerySelector("#member")!.TextContent;
        Assert.Contains("Becky!", facts, StringComparison.Ordinal);
        Assert.Contains("日本語", facts, StringComparison.Ordinal);
        Assert.DoesNotContain("becky-2", facts, StringComparison.Ordinal);
        Assert.Contains(member.QuerySelector("#mail tbody td:last-child")!.TextContent, new[] { "送信待ち", "送信済み" });
        Assert.Contains("(日本語)", member.QuerySelector("#links tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(activity.QuerySelectorAll("#activity tbody tr[data-action=support-link-sent] td"), td => td.TextContent == "設定案内を送信");
        Assert.Contains("Becky!", search.QuerySelector("#members tbody")!.TextContent, StringComparison.Ordinal);
        // Timeline and activity details name the program and language, in Japanese.
        var sentLine = member.QuerySelector("#timeline tbody tr[data-kind=emailed] td:last-child")!.TextContent;
        Assert.StartsWith("設定案内：Becky!", sentLine, StringComparison.Ordinal);
        Assert.Contains("（日本語）、送信者 admin@example.jp", sentLine, StringComparison.Ordinal);
        Assert.Contains(activity.QuerySelectorAll("#activity tbody tr[data-action=signed-in] td"), td => td.TextContent.EndsWith(" から", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_and_signing_out_needs_the_form()
    {
        await using var portal = await PortalWithStaffAsync();
        using var agent = portal.CreateClient(Browser);
        using var admin = portal.CreateClient(Browser);
        await SignInAsync(agent, "agent@example.jp");
        await SignInAsync(admin, "admin@example.jp");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/staff")).StatusCode);

        await portal.Services.GetRequiredService<StaffAccounts>().DisableAsync("agent@example.jp", CancellationToken.None);
        using var afterDisable = await agent.GetAsync("/staff");
        using var forgedSignOut = await admin.PostAsync("/staff/sign-out", new FormUrlEncodedContent([]));
        var console = await PageReader.GetAsync(admin, "/staff?culture=en");
        using var signOut = await admin.PostAsync("/staff/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(console) }));
        using var afterSignOut = await admin.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
    }

    private static MultipartFormDataContent Upload(string token, string csv, bool validOnly)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", "members.csv" },
        };
        if (validOnly) content.Add(new StringContent("true"), "ValidOnly");
        return content;
    }
}
