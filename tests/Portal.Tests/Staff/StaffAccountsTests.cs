using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Configuration;
using Portal.Core.Staff;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Staff;

/// <summary>Staff accounts in each available database: added once, signed in, locked after repeated failures, disabled.</summary>
public sealed class StaffAccountsTests
{
    public static TheoryData<DatabaseProvider> Databases => TestDatabase.Available;

    private const string Password = "correct horse battery";

    private static (StaffAccounts Accounts, FakeTimeProvider Clock) Create(TestDatabase test)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        return (new StaffAccounts(test.Database, Options.Create(new StaffOptions { LockoutFailures = 3, LockoutMinutes = 15 }), clock), clock);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task An_account_is_added_once_with_a_valid_address_role_and_password(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (accounts, _) = Create(test);

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
        var (accounts, _) = Create(test);
        await accounts.AddAsync("hanako@example.jp", StaffRoles.Admin, Password, CancellationToken.None);
        await accounts.AddAsync("jiro@example.jp", StaffRoles.Agent, Password, CancellationToken.None);
        await accounts.DisableAsync("jiro@example.jp", CancellationToken.None);

        var ok = Assert.IsType<StaffSignIn.Succeeded>(await accounts.SignInAsync("HANAKO@example.jp", Password, CancellationToken.None));
        Assert.Equal(("hanako@example.jp", StaffRoles.Admin), (ok.Account.Email, ok.Account.Role));
        Assert.IsType<StaffSignIn.Refused>(await accounts.SignInAsync("hanako@example.jp", Password + "!", CancellationToken.None));
        Assert.IsType<StaffSignIn.Refused>(await accounts.SignInAsync("nobody@example.jp", Password, CancellationToken.None));
        Assert.IsType<StaffSignIn.Refused>(await accounts.SignInAsync("jiro@example.jp", Password, CancellationToken.None));
        Assert.False(await accounts.DisableAsync("nobody@example.jp", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Repeated_wrong_passwords_lock_the_account_until_the_lock_runs_out(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (accounts, clock) = Create(test);
        await accounts.AddAsync("hanako@example.jp", StaffRoles.Agent, Password, CancellationToken.None);

        Assert.IsType<StaffSignIn.Refused>(await accounts.SignInAsync("hanako@example.jp", "wrong 1", CancellationToken.None));
        Assert.IsType<StaffSignIn.Refused>(await accounts.SignInAsync("hanako@example.jp", "wrong 2", CancellationToken.None));
        var locked = Assert.IsType<StaffSignIn.LockedOut>(await accounts.SignInAsync("hanako@example.jp", "wrong 3", CancellationToken.None));
        Assert.Equal(clock.GetUtcNow().AddMinutes(15), locked.Until);
        // Even the right password waits for the lock to run out.
        Assert.IsType<StaffSignIn.LockedOut>(await accounts.SignInAsync("hanako@example.jp", Password, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));
        Assert.IsType<StaffSignIn.Succeeded>(await accounts.SignInAsync("hanako@example.jp", Password, CancellationToken.None));
        // A success starts the count again.
        Assert.IsType<StaffSignIn.Refused>(await accounts.SignInAsync("hanako@example.jp", "wrong 4", CancellationToken.None));
        Assert.IsType<StaffSignIn.Refused>(await accounts.SignInAsync("hanako@example.jp", "wrong 5", CancellationToken.None));
        Assert.IsType<StaffSignIn.Succeeded>(await accounts.SignInAsync("hanako@example.jp", Password, CancellationToken.None));
    }
}
