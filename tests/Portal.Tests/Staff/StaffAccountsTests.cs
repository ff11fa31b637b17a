using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Core.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Staff;

/// <summary>Staff accounts in each available database: added once, signed in, locked after repeated failures however they race, disabled, limited per address.</summary>
public sealed class StaffAccountsTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    private const string Password = "correct horse battery";

    private const string From = "192.0.2.1";

    private static (StaffAccounts Accounts, StaffSignInDesk Desk, FakeTimeProvider Clock) Create(TestDatabase test, int perAddress = 20)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new StaffOptions { LockoutFailures = 3, LockoutMinutes = 15, SignInFailuresPerClientIp = perAddress, SignInFailureWindowMinutes = 15 });
        return (new StaffAccounts(test.Database, options, clock), Desk(test, options, clock), clock);
    }

    internal static StaffSignInDesk Desk(TestDatabase test, IOptions<StaffOptions> options, TimeProvider clock) =>
        new(test.Database, new StaffSignInLimit(test.Database, test.Keys(clock), options, clock), options, clock);

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task An_account_is_added_once_with_a_valid_address_role_and_password(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (accounts, desk, _) = Create(test);

        Assert.Null(await accounts.AddAsync(" Hanako@Example.jp ", StaffRoles.Agent, Password, CancellationToken.None));
        Assert.Equal("hanako@example.jp already has an account", await accounts.AddAsync("hanako@example.jp", StaffRoles.Admin, Password, CancellationToken.None));
        Assert.Equal("'not-an-address' is not a mail address", await accounts.AddAsync("not-an-address", StaffRoles.Agent, Password, CancellationToken.None));
        Assert.Equal("the role must be agent or admin (was 'root')", await accounts.AddAsync("a@example.jp", "root", Password, CancellationToken.None));
        Assert.Equal("the password must be at least 12 characters", await accounts.AddAsync("a@example.jp", StaffRoles.Agent, "short", CancellationToken.None));

        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        var hash = Assert.Single(await connection.QueryAsync<string>("SELECT PasswordHash FROM StaffAccounts"));
        Assert.StartsWith("AQAAAA", hash, StringComparison.Ordinal); // Identity's v3 format: PBKDF2 with a salt
        Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Sign_in_succeeds_with_the_password_and_refuses_everything_else_alike(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (accounts, desk, _) = Create(test);
        await accounts.AddAsync("hanako@example.jp", StaffRoles.Admin, Password, CancellationToken.None);
        await accounts.AddAsync("jiro@example.jp", StaffRoles.Agent, Password, CancellationToken.None);
        await accounts.DisableAsync("jiro@example.jp", CancellationToken.None);

        var ok = Assert.IsType<StaffSignIn.Succeeded>(await desk.SignInAsync("HANAKO@example.jp", Password, From, CancellationToken.None));
        Assert.Equal(("hanako@example.jp", StaffRoles.Admin), (ok.Account.Email, ok.Account.Role));
        Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("hanako@example.jp", Password + "!", From, CancellationToken.None));
        Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("nobody@example.jp", Password, From, CancellationToken.None));
        Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("jiro@example.jp", Password, From, CancellationToken.None));
        Assert.False(await accounts.DisableAsync("nobody@example.jp", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Repeated_wrong_passwords_lock_the_account_until_the_lock_runs_out(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (accounts, desk, clock) = Create(test);
        await accounts.AddAsync("hanako@example.jp", StaffRoles.Agent, Password, CancellationToken.None);

        Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("hanako@example.jp", "wrong 1", From, CancellationToken.None));
        Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("hanako@example.jp", "wrong 2", From, CancellationToken.None));
        var locked = Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("hanako@example.jp", "wrong 3", From, CancellationToken.None));
        Assert.Equal((clock.GetUtcNow().AddMinutes(15), true), (locked.LockedUntil, locked.LockedNow));
        // Even the right password waits for the lock to run out, and is answered as a wrong one.
        Assert.Equal(new StaffSignIn.Refused(clock.GetUtcNow().AddMinutes(15)), await desk.SignInAsync("hanako@example.jp", Password, From, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));
        Assert.IsType<StaffSignIn.Succeeded>(await desk.SignInAsync("hanako@example.jp", Password, From, CancellationToken.None));
        // A success starts the count again.
        Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("hanako@example.jp", "wrong 4", From, CancellationToken.None));
        Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("hanako@example.jp", "wrong 5", From, CancellationToken.None));
        Assert.IsType<StaffSignIn.Succeeded>(await desk.SignInAsync("hanako@example.jp", Password, From, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Wrong_passwords_sent_all_at_once_get_no_more_checks_than_the_lockout_allows(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (accounts, desk, _) = Create(test, perAddress: 100);
        await accounts.AddAsync("hanako@example.jp", StaffRoles.Agent, Password, CancellationToken.None);

        // Thirty wrong guesses in parallel, from thirty addresses: three are checked, the one that took the last try sets the lock.
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => desk.SignInAsync("hanako@example.jp", $"guess {i}", $"198.51.100.{i}", CancellationToken.None))));

        var refused = answers.Cast<StaffSignIn.Refused>().ToList();
        Assert.Equal((2, 1, 27), (refused.Count(r => r.LockedUntil is null), refused.Count(r => r.LockedNow), refused.Count(r => r.LockedUntil is not null && !r.LockedNow)));
        Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync("hanako@example.jp", Password, From, CancellationToken.None));
        await using var connection = await test.Database.OpenAsync(CancellationToken.None);
        Assert.NotNull(await connection.ExecuteScalarAsync<string?>("SELECT LockedUntil FROM StaffAccounts"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task One_address_trying_many_accounts_is_stopped_and_a_success_does_not_count_against_it(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (accounts, desk, clock) = Create(test, perAddress: 4);
        await accounts.AddAsync("hanako@example.jp", StaffRoles.Agent, Password, CancellationToken.None);

        Assert.IsType<StaffSignIn.Succeeded>(await desk.SignInAsync("hanako@example.jp", Password, From, CancellationToken.None));
        foreach (var name in new[] { "a", "b", "c", "d" })
            Assert.IsType<StaffSignIn.Refused>(await desk.SignInAsync($"{name}@example.jp", Password, From, CancellationToken.None));

        var stopped = Assert.IsType<StaffSignIn.TooManyFromHere>(await desk.SignInAsync("hanako@example.jp", Password, From, CancellationToken.None));
        Assert.Equal(clock.GetUtcNow().AddMinutes(15), stopped.RetryAt);
        Assert.IsType<StaffSignIn.Succeeded>(await desk.SignInAsync("hanako@example.jp", Password, "192.0.2.2", CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));
        Assert.IsType<StaffSignIn.Succeeded>(await desk.SignInAsync("hanako@example.jp", Password, From, CancellationToken.None));
    }
}
