using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Staff;

public abstract record StaffSignIn
{
    public sealed record Succeeded(StaffAccount Account) : StaffSignIn;

    /// <summary>
    /// Unknown address, wrong password, disabled or locked account: the page answers all alike, so that an answer
    /// never tells which staff addresses exist. <see cref="LockedUntil"/> is for the audit trail; <see cref="LockedNow"/>
    /// says this attempt used the last try, so the staff member is told (by e-mail) once per lock.
    /// </summary>
    public sealed record Refused(DateTimeOffset? LockedUntil = null, bool LockedNow = false) : StaffSignIn;

    /// <summary>Too many failed sign-ins from this client address, whichever accounts they named.</summary>
    public sealed record TooManyFromHere(DateTimeOffset RetryAt) : StaffSignIn;
}

/// <summary>
/// Staff sign-in: each attempt takes one of the account's tries before its password is checked (so attempts sent
/// together cannot get more checks than Staff:LockoutFailures), and a place in its address's allowance across accounts.
/// </summary>
public sealed class StaffSignInDesk(PortalDatabase database, StaffSignInLimit perAddress, IOptions<StaffOptions> options, TimeProvider time)
{
    private const string Feature = "Staff";
    private static readonly PasswordHasher<string> Hasher = StaffAccounts.Hasher;

    // Verified against when the address is unknown or locked, so those take as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword("", Guid.NewGuid().ToString());

    public async Task<StaffSignIn> SignInAsync(string email, string password, string clientIp, CancellationToken cancellationToken)
    {
        var (place, retryAt) = await perAddress.TryTakeAsync(clientIp, cancellationToken);
        if (retryAt is { } retry) return new StaffSignIn.TooManyFromHere(retry);

        var now = time.GetUtcNow();
        var o = options.Value;
        await using var connection = await database.OpenAsync(cancellationToken);
        // The try is taken before the password is checked: parallel attempts cannot get more checks than the lockout allows.
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(database.Query(Feature, "TakeSignInAttempt"), new
        {
            Email = StaffAccounts.Normalize(email), Limit = o.LockoutFailures, Until = now.AddMinutes(o.LockoutMinutes), Now = now,
        }, cancellationToken: cancellationToken));
        if (row is null)
        {
            // No such account, or a locked one: the same work and the same answer for both.
            Hasher.VerifyHashedPassword("", DecoyHash, password);
            var locked = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                database.Query(Feature, "FindAccount"), new { Email = StaffAccounts.Normalize(email) }, cancellationToken: cancellationToken));
            return new StaffSignIn.Refused(locked?.LockedUntil is { } until && until > now ? until : null);
        }

        var verified = Hasher.VerifyHashedPassword(row.Email, row.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed) return new StaffSignIn.Refused(row.LockedUntil, LockedNow: row.LockedUntil is not null);
        if (row.Disabled) return new StaffSignIn.Refused();

        var rehash = verified == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(row.Email, password) : null;
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "RecordSuccess"), new { row.Id, PasswordHash = rehash }, cancellationToken: cancellationToken));
        await perAddress.GiveBackAsync(place!.Value, cancellationToken);
        return new StaffSignIn.Succeeded(new StaffAccount(row.Id, row.Email, row.Role, row.Disabled));
    }

    private sealed class Row
    {
        public int Id { get; init; }
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public bool Disabled { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
    }
}
