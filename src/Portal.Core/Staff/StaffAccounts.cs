using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Staff;

public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Agent, Admin];
}

public sealed record StaffAccount(int Id, string Email, string Role, bool Disabled);

public abstract record StaffSignIn
{
    public sealed record Succeeded(StaffAccount Account) : StaffSignIn;

    /// <summary>Unknown address, wrong password or disabled account: the page says the same for all three.</summary>
    public sealed record Refused : StaffSignIn;

    public sealed record LockedOut(DateTimeOffset Until) : StaffSignIn;
}

/// <summary>Staff accounts in the database: passwords hashed by Identity's <see cref="PasswordHasher{TUser}"/>, locked after repeated failures.</summary>
public sealed class StaffAccounts(PortalDatabase database, IOptions<StaffOptions> options, TimeProvider time)
{
    private const string Feature = "Staff";
    private static readonly PasswordHasher<string> Hasher = new();

    // Verified against when the address is unknown, so a wrong address takes as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword("", Guid.NewGuid().ToString());

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Adds an account; null when done, otherwise why not.</summary>
    public async Task<string?> AddAsync(string email, string role, string password, CancellationToken cancellationToken)
    {
        email = Normalize(email);
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email) return $"'{email}' is not a mail address";
        if (!StaffRoles.All.Contains(role)) return $"the role must be {string.Join(" or ", StaffRoles.All)} (was '{role}')";
        if (password.Length < options.Value.MinPasswordLength) return $"the password must be at least {options.Value.MinPasswordLength} characters";
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "InsertAccount"), new
        {
            Email = email, Role = role, PasswordHash = Hasher.HashPassword(email, password), CreatedAt = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        return inserted == 1 ? null : $"{email} already has an account";
    }

    /// <summary>False when there is no such account.</summary>
    public async Task<bool> DisableAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "DisableAccount"), new { Email = Normalize(email) }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<StaffSignIn> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            database.Query(Feature, "FindAccount"), new { Email = Normalize(email) }, cancellationToken: cancellationToken));
        if (row is null)
        {
            Hasher.VerifyHashedPassword("", DecoyHash, password);
            return new StaffSignIn.Refused();
        }

        if (row.LockedUntil is { } until && until > now) return new StaffSignIn.LockedOut(until);

        var verified = Hasher.VerifyHashedPassword(row.Email, row.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            var o = options.Value;
            var after = await connection.QuerySingleAsync<Row>(new CommandDefinition(database.Query(Feature, "RecordFailure"), new
            {
                row.Id, Limit = o.LockoutFailures, Until = now.AddMinutes(o.LockoutMinutes),
            }, cancellationToken: cancellationToken));
            return after.LockedUntil is { } locked && locked > now ? new StaffSignIn.LockedOut(locked) : new StaffSignIn.Refused();
        }

        if (row.Disabled) return new StaffSignIn.Refused();
        var rehash = verified == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(row.Email, password) : null;
        await connection.ExecuteAsync(new CommandDefinition(database.Query(Feature, "RecordSuccess"), new { row.Id, PasswordHash = rehash }, cancellationToken: cancellationToken));
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
