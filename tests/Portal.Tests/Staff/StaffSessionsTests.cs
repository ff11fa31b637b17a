using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Core.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Staff;

/// <summary>
/// Staff sessions kept on the server, in each available database and through the site: signing out ends every copy of
/// the cookie, and a session ends Staff:SessionMaxHours after sign-in however busy it is.
/// </summary>
public sealed class StaffSessionsTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    private const string Password = "correct horse battery";

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_session_lives_until_it_is_ended_its_absolute_end_or_its_account_is_disabled(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new StaffOptions { SessionMaxHours = 12 });
        var accounts = new StaffAccounts(test.Database, options, clock);
        var desk = StaffAccountsTests.Desk(test, options, clock);
        var sessions = new StaffSessions(test.Database, options, clock);
        Assert.Null(await accounts.AddAsync("hanako@example.jp", StaffRoles.Admin, Password, CancellationToken.None));
        Assert.Null(await accounts.AddAsync("jiro@example.jp", StaffRoles.Agent, Password, CancellationToken.None));
        var hanako = Assert.IsType<StaffSignIn.Succeeded>(await desk.SignInAsync("hanako@example.jp", Password, "192.0.2.1", CancellationToken.None)).Account;
        var jiro = Assert.IsType<StaffSignIn.Succeeded>(await desk.SignInAsync("jiro@example.jp", Password, "192.0.2.1", CancellationToken.None)).Account;

        var morning = await sessions.StartAsync(hanako, CancellationToken.None);
        var other = await sessions.StartAsync(hanako, CancellationToken.None);
        var agent = await sessions.StartAsync(jiro, CancellationToken.None);
        Assert.NotEqual(morning, other);
        Assert.Equal(("hanako@example.jp", StaffRoles.Admin), ((await sessions.FindActiveAsync(morning, CancellationToken.None))!.Email, hanako.Role));
        Assert.Null(await sessions.FindActiveAsync("no-such-session", CancellationToken.None));

        await sessions.EndAsync(other, CancellationToken.None);
        Assert.Null(await sessions.FindActiveAsync(other, CancellationToken.None));
        Assert.NotNull(await sessions.FindActiveAsync(morning, CancellationToken.None));

        await accounts.DisableAsync("jiro@example.jp", CancellationToken.None);
        Assert.Null(await sessions.FindActiveAsync(agent, CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await sessions.FindActiveAsync(morning, CancellationToken.None));
        Assert.Equal(0, await sessions.SweepAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await sessions.FindActiveAsync(morning, CancellationToken.None));
        Assert.Equal(3, await sessions.SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_a_stolen_copy_of_the_cookie_too()
    {
        await using var portal = await StaffPagesTests.PortalWithStaffAsync();
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });
        var signIn = await StaffPagesTests.SignInAsync(browser, "agent@example.jp");
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".portal.staff=", StringComparison.Ordinal)).Split(';')[0];
        using var thief = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/staff")).StatusCode);

        var console = await PageReader.GetAsync(browser, "/staff?culture=en");
        using var signOut = await browser.PostAsync("/staff/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PageReader.AntiforgeryToken(console) }));
        using var stolen = await thief.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, stolen.StatusCode);
        Assert.StartsWith("/staff/sign-in", stolen.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_in_use_all_day_still_ends_at_its_absolute_lifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory(new Dictionary<string, string?> { ["Staff:SessionHours"] = "3", ["Staff:SessionMaxHours"] = "6" },
            services => services.AddSingleton<TimeProvider>(clock));
        Assert.Null(await portal.Services.GetRequiredService<StaffAccounts>().AddAsync("agent@example.jp", StaffRoles.Agent, Password, CancellationToken.None));
        using var browser = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.Https, AllowAutoRedirect = false });
        await StaffPagesTests.SignInAsync(browser, "agent@example.jp", Password);

        // Used every hour: the three-hour idle limit never runs out, and the cookie is renewed as it slides.
        for (var hour = 1; hour < 6; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(1));
        using var afterSixHours = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, afterSixHours.StatusCode);
    }
}
